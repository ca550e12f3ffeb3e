import Router from '@koa/router';
import type { z } from 'zod';
import { changePasswordSchema, loginSchema, registerSchema, setCredentialsSchema, type LoginReplyView, type MeView } from '@wc/shared';
import { issueToken, login, registerApplicant } from '../../commands/authentication';
import type { AppState, AuthedContext } from '../../context';
import { AppError, fieldError, UnauthenticatedError } from '../../errors';
import { hashPassword, verifyPassword } from '../../lib/password';
import { authenticated } from '../../middlewares/authenticated';
import { rateLimit } from '../../middlewares/rateLimit';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { User, UserRole } from '../../models';
import { presentUser } from '../../presenters/user';
import { NO_PASSWORD_YET, setFirstCredentials } from './credentials';

const router = new Router<AppState>({ prefix: '/auth' });

function tokenReply(issued: ReturnType<typeof issueToken>): { data: LoginReplyView } {
  return { data: { token: issued.token, expiresAt: issued.expiresAt.toISOString(), user: presentUser(issued.user) } };
}

router.post(
  '/login',
  rateLimit({ key: 'login', points: 20, windowSeconds: 60 }),
  validate({ body: loginSchema }),
  async (ctx: AuthedContext<{ body: z.output<typeof loginSchema> }>) => {
    const { username, password } = ctx.state.input.body;
    ctx.body = tokenReply(await login(username, password));
  },
);

router.post(
  '/register',
  rateLimit({ key: 'register', points: 10, windowSeconds: 60 }),
  validate({ body: registerSchema }),
  async (ctx: AuthedContext<{ body: z.output<typeof registerSchema> }>) => {
    ctx.status = 201;
    ctx.body = tokenReply(await registerApplicant(ctx.state.input.body));
  },
);

/** The logged-in user, and whether the account has a password (the password page asks for 原密码 only then). */
router.get('/me', authenticated(), async (ctx: AuthedContext) => {
  const user = await User.findByPk(ctx.state.user.id, { include: [{ model: UserRole, as: 'roles' }] });
  // Gone since the token was checked: the same answer as for a token that names nobody.
  if (!user) {
    throw new UnauthenticatedError();
  }
  const data: MeView = { ...presentUser(user), hasPassword: user.passwordHash !== null };
  ctx.body = { data };
});

/** A fresh token for a still-valid one (the clients refresh before expiry). */
router.post('/refresh', authenticated(), async (ctx: AuthedContext) => {
  const user = await User.findByPk(ctx.state.user.id, { include: [{ model: UserRole, as: 'roles' }] });
  if (!user) {
    throw new UnauthenticatedError();
  }
  ctx.body = tokenReply(issueToken(user));
});

/** Changing the password revokes every token issued before. */
router.post(
  '/password',
  authenticated(),
  validate({ body: changePasswordSchema }),
  transaction(),
  async (ctx: AuthedContext<{ body: z.output<typeof changePasswordSchema> }>) => {
    const t = ctx.state.transaction;
    const user = await User.findByPk(ctx.state.user.id, { include: [{ model: UserRole, as: 'roles' }], transaction: t });
    if (user && user.passwordHash === null) {
      // No old password exists to be wrong: say what to do instead (the page uses /credentials).
      throw new AppError('CONFLICT', NO_PASSWORD_YET);
    }
    if (!user || !(await verifyPassword(user.passwordHash, ctx.state.input.body.oldPassword))) {
      throw fieldError('oldPassword', '原密码不正确');
    }
    await user.update(
      { passwordHash: await hashPassword(ctx.state.input.body.newPassword), tokenVersion: user.tokenVersion + 1 },
      { transaction: t },
    );
    ctx.body = tokenReply(issueToken(user));
  },
);

/**
 * POST /api/auth/credentials — an account made by a WeChat login (generated `wx_…` name, no
 * password) chooses its user name and sets a password, without an old one, once: afterwards it is a
 * password account like any other. Tokens issued before are revoked; the reply carries a new one.
 */
router.post(
  '/credentials',
  rateLimit({ key: 'credentials', points: 10, windowSeconds: 60 }),
  authenticated('applicant'),
  validate({ body: setCredentialsSchema }),
  transaction(),
  async (ctx: AuthedContext<{ body: z.output<typeof setCredentialsSchema> }>) => {
    ctx.body = tokenReply(issueToken(await setFirstCredentials(ctx.state.user.id, ctx.state.input.body, ctx.state.transaction)));
  },
);

export default router;
