import Router from '@koa/router';
import type { z } from 'zod';
import {
  changePasswordSchema,
  loginSchema,
  phoneCodeRequestSchema,
  registerWithCodeSchema,
  resetPasswordSchema,
  setCredentialsSchema,
  type LoginReplyView,
  type MeView,
} from '@wc/shared';
import { issueToken, login } from '../../commands/authentication';
import type { AppState, AuthedContext } from '../../context';
import { AppError, fieldError, UnauthenticatedError } from '../../errors';
import { hashPassword, verifyPassword } from '../../lib/password';
import { authenticated } from '../../middlewares/authenticated';
import { rateLimit } from '../../middlewares/rateLimit';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { User, UserRole } from '../../models';
import { presentUser } from '../../presenters/user';
import { sendCode } from '../../verification/delivery';
import { NO_PASSWORD_YET, setFirstCredentials } from './credentials';
import { hasApplicantWithPhone, registerWithCode, resetPasswordWithCode } from './phoneAccounts';

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

/** POST /api/auth/register/code — a code to the phone the registration form names (手机号注册). */
router.post(
  '/register/code',
  rateLimit({ key: 'sms-code', points: 10, windowSeconds: 60 }),
  validate({ body: phoneCodeRequestSchema }),
  async (ctx: AuthedContext<{ body: z.output<typeof phoneCodeRequestSchema> }>) => {
    ctx.body = { data: await sendCode({ purpose: 'register', phone: ctx.state.input.body.phone, target: '' }, ctx.ip, true) };
  },
);

/** A new applicant account; its phone is proved by the code sent to it (`smsCode`). */
router.post(
  '/register',
  rateLimit({ key: 'register', points: 10, windowSeconds: 60 }),
  validate({ body: registerWithCodeSchema }),
  async (ctx: AuthedContext<{ body: z.output<typeof registerWithCodeSchema> }>) => {
    ctx.status = 201;
    ctx.body = tokenReply(issueToken(await registerWithCode(ctx.state.input.body, ctx.ip)));
  },
);

/**
 * POST /api/auth/password/forgot/code — 忘记密码: a code to the phone of an applicant account. The
 * reply is the same whether or not an account has that phone (nothing is sent then).
 */
router.post(
  '/password/forgot/code',
  rateLimit({ key: 'sms-code', points: 10, windowSeconds: 60 }),
  validate({ body: phoneCodeRequestSchema }),
  async (ctx: AuthedContext<{ body: z.output<typeof phoneCodeRequestSchema> }>) => {
    const { phone } = ctx.state.input.body;
    ctx.body = { data: await sendCode({ purpose: 'reset_password', phone, target: '' }, ctx.ip, await hasApplicantWithPhone(phone)) };
  },
);

/** POST /api/auth/password/forgot — the code and a new password; the reply logs the owner in. */
router.post(
  '/password/forgot',
  rateLimit({ key: 'password-forgot', points: 20, windowSeconds: 60 }),
  validate({ body: resetPasswordSchema }),
  async (ctx: AuthedContext<{ body: z.output<typeof resetPasswordSchema> }>) => {
    ctx.body = tokenReply(issueToken(await resetPasswordWithCode(ctx.state.input.body, ctx.ip)));
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
