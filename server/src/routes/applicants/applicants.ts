import Router from '@koa/router';
import { z } from 'zod';
import { applicantEnabledSchema, applicantQuerySchema, idParam, type ApplicantQuery, type PasswordResetView } from '@wc/shared';
import { listApplicants, presentApplicant, resetApplicantPassword, setApplicantEnabled } from '../../commands/applicantAdmin';
import { unlockUser } from '../../commands/userAdmin';
import type { AppState, AuthedContext } from '../../context';
import { NotFoundError } from '../../errors';
import { authenticated } from '../../middlewares/authenticated';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { authorizeAdmin } from '../../policies/admin';

const router = new Router<AppState>({ prefix: '/applicants' });
const params = z.object({ id: idParam });
type Params = { params: z.output<typeof params> };

/** GET /api/applicants — 报装用户管理 (administrators): applicant accounts with their application counts. */
router.get(
  '/',
  authenticated('staff'),
  validate({ query: applicantQuerySchema }),
  async (ctx: AuthedContext<{ query: ApplicantQuery }>) => {
    authorizeAdmin(ctx.state.user);
    const query = ctx.state.input.query;
    const { rows, total } = await listApplicants(query);
    ctx.body = { data: rows, meta: { page: query.page, pageSize: query.pageSize, total } };
  },
);

/** PATCH /api/applicants/:id — 停用 / 启用 an applicant account (administrators; audited). */
router.patch(
  '/:id',
  authenticated('staff'),
  validate({ params, body: applicantEnabledSchema }),
  transaction(),
  async (ctx: AuthedContext<Params & { body: z.output<typeof applicantEnabledSchema> }>) => {
    authorizeAdmin(ctx.state.user);
    ctx.body = {
      data: await setApplicantEnabled(ctx.state.user, ctx.state.input.params.id, ctx.state.input.body.enabled, ctx.state.transaction!),
    };
  },
);

/** POST /api/applicants/:id/unlock — lift a lockout after too many wrong passwords (administrators; audited). */
router.post('/:id/unlock', authenticated('staff'), validate({ params }), transaction(), async (ctx: AuthedContext<Params>) => {
  authorizeAdmin(ctx.state.user);
  const user = await unlockUser(ctx.state.user, ctx.state.input.params.id, ctx.state.transaction!);
  if (user.kind !== 'applicant') {
    // Staff accounts are unlocked from 用户与角色; nothing is changed here (the transaction rolls back).
    throw new NotFoundError('未找到该报装用户');
  }
  ctx.body = { data: presentApplicant(user, 0) };
});

/** POST /api/applicants/:id/reset-password — a temporary password for the customer (administrators; audited). */
router.post('/:id/reset-password', authenticated('staff'), validate({ params }), transaction(), async (ctx: AuthedContext<Params>) => {
  authorizeAdmin(ctx.state.user);
  const { temporaryPassword, view } = await resetApplicantPassword(ctx.state.user, ctx.state.input.params.id, ctx.state.transaction!);
  const reply: PasswordResetView = { temporaryPassword };
  // Never cached anywhere on the way: the password is shown once.
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { data: { ...reply, account: view } };
});

export default router;
