import Router from '@koa/router';
import type { z } from 'zod';
import { changePasswordSchema, loginSchema, registerSchema, type LoginReplyView } from '@wc/shared';
import { issueToken, login, registerApplicant } from '../../commands/authentication';
import type { AppState, AuthedContext } from '../../context';
import { fieldError, UnauthenticatedError } from '../../errors';
import { hashPassword, verifyPassword } from '../../lib/password';
import { authenticated } from '../../middlewares/authenticated';
import { rateLimit } from '../../middlewares/rateLimit';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { User, UserRole } from '../../models';
import { presentUser } from '../../presenters/user';

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

/** The logged-in user. */
router.get('/me', authenticated(), async (ctx: AuthedContext) => {
  const user = await User.findByPk(ctx.state.user.id, { include: [{ model: UserRole, as: 'roles' }] });
  // Gone since the token was checked: the same answer as for a token that names nobody.
  if (!user) {
    throw new UnauthenticatedError();
  }
  ctx.body = { data: presentUser(user) };
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

export default router;
