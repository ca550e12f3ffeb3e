import Router from '@koa/router';
import type { z } from 'zod';
import {
  actionInputSchema,
  duplicateQuerySchema,
  type ApplicationForm,
  type ApplicationListMeta,
  type ApplicationListQuery,
  type DuplicateQuery,
} from '@wc/shared';
import { createApplication } from '../../commands/applicationCreator';
import { editApplication } from '../../commands/applicationEditor';
import { findVisibleApplication, listApplications, presentApplications } from '../../commands/applicationViews';
import { loadApplicationDetail, loadHistory } from '../../commands/applicationDetail';
import { inProgressDuplicates } from '../../commands/duplicates';
import { loadNotificationTimeline } from '../../commands/notificationTimeline';
import { performAction } from '../../commands/workflow/transitioner';
import type { ActionInputData } from '../../commands/workflow/actionInput';
import { transferStep } from '../../commands/workflow/transfer';
import type { AppState, AuthedContext } from '../../context';
import { ForbiddenError, ValidationError } from '../../errors';
import { authenticated } from '../../middlewares/authenticated';
import { idempotent } from '../../middlewares/idempotency';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { applicationPolicy } from '../../policies/application';
import { presentListPermissions } from '../../presenters/permissions';
import { actionParams, applicationFormSchema, applicationListQuerySchema, idParams, knownAction, transferSchema } from './schema';

const router = new Router<AppState>({ prefix: '/applications' });

type IdInput = { params: z.output<typeof idParams> };

/** GET /api/applications — the list, filtered and paged; applicants get only their own. */
router.get(
  '/',
  authenticated(),
  validate({ query: applicationListQuerySchema }),
  async (ctx: AuthedContext<{ query: ApplicationListQuery }>) => {
    const query = ctx.state.input.query;
    const { rows, total, totalCapped } = await listApplications(ctx.state.user, query);
    const meta: ApplicationListMeta = {
      page: query.page,
      pageSize: query.pageSize,
      total,
      totalCapped,
      permissions: presentListPermissions(ctx.state.user),
    };
    ctx.body = { data: rows, meta };
  },
);

/** POST /api/applications — window entry by a clerk, or self-submission by an applicant. */
router.post(
  '/',
  authenticated(),
  validate({ body: applicationFormSchema }),
  transaction(),
  idempotent(),
  async (ctx: AuthedContext<{ body: ApplicationForm }>) => {
    const user = ctx.state.user;
    const channel = user.kind === 'staff' ? 'window' : 'online';
    if (!applicationPolicy.create(user, channel)) {
      throw new ForbiddenError(channel === 'window' ? '只有窗口受理员可以录入报装申请' : undefined);
    }
    const form = ctx.state.input.body;
    if (user.kind === 'applicant' && user.applicantKind && user.applicantKind !== form.kind) {
      throw new ValidationError([
        { path: 'kind', message: user.applicantKind === 'enterprise' ? '企业单位账号请按企业单位报装' : '居民账号请按居民报装' },
      ]);
    }
    const t = ctx.state.transaction;
    const app = await createApplication({ form, channel, actor: user, applicantUserId: user.kind === 'applicant' ? user.id : null }, t!);
    const [presented] = await presentApplications([app], user, t);
    // A warning, not a refusal: the clerk (or the customer, about their own) sees what looks the same.
    const duplicates = await inProgressDuplicates(user, form, app.id, t);
    ctx.status = 201;
    ctx.body = { data: presented, meta: { duplicates } };
  },
);

/**
 * GET /api/applications/duplicates?creditCode=&waterAddress= — applications in progress with the same
 * credit code or water address, asked while a form is filled in (staff see all, applicants their own).
 */
router.get(
  '/duplicates',
  authenticated(),
  validate({ query: duplicateQuerySchema }),
  async (ctx: AuthedContext<{ query: DuplicateQuery }>) => {
    ctx.body = { data: await inProgressDuplicates(ctx.state.user, ctx.state.input.query) };
  },
);

/** GET /api/applications/:id — detail with contract, dispatch sheet and payment. */
router.get('/:id', authenticated(), validate({ params: idParams }), async (ctx: AuthedContext<IdInput>) => {
  ctx.body = { data: await loadApplicationDetail(ctx.state.user, ctx.state.input.params.id) };
});

/** PATCH /api/applications/:id — correct the form while returned; `If-Match: <version>` guards against lost updates. */
router.patch(
  '/:id',
  authenticated(),
  validate({ params: idParams, body: applicationFormSchema }),
  transaction(),
  async (ctx: AuthedContext<IdInput & { body: ApplicationForm }>) => {
    const ifMatch = ctx.get('If-Match').replace(/"/g, '');
    const version = /^\d+$/.test(ifMatch) ? Number(ifMatch) : undefined;
    const app = await editApplication(ctx.state.user, ctx.state.input.params.id, ctx.state.input.body, version, ctx.state.transaction!, {
      ip: ctx.ip,
    });
    const [presented] = await presentApplications([app], ctx.state.user, ctx.state.transaction);
    ctx.body = { data: presented };
  },
);

/** GET /api/applications/:id/duplicates — other applications in progress that look like this one (审核 sees them). */
router.get('/:id/duplicates', authenticated(), validate({ params: idParams }), async (ctx: AuthedContext<IdInput>) => {
  const app = await findVisibleApplication(ctx.state.user, ctx.state.input.params.id);
  ctx.body = { data: await inProgressDuplicates(ctx.state.user, app, app.id) };
});

/** GET /api/applications/:id/history — 报装记录. */
router.get('/:id/history', authenticated(), validate({ params: idParams }), async (ctx: AuthedContext<IdInput>) => {
  ctx.body = { data: await loadHistory(ctx.state.user, ctx.state.input.params.id) };
});

/** GET /api/applications/:id/notifications — who was told what: each notification, its channel, delivered or why not. */
router.get('/:id/notifications', authenticated(), validate({ params: idParams }), async (ctx: AuthedContext<IdInput>) => {
  ctx.body = { data: await loadNotificationTimeline(ctx.state.user, ctx.state.input.params.id) };
});

/** POST /api/applications/:id/actions/:action — take a workflow action; the body depends on the action. */
router.post(
  '/:id/actions/:action',
  authenticated(),
  knownAction(),
  // The body's shape depends on the action: checked before the transaction, like every input.
  validate({ params: actionParams, body: (params: z.output<typeof actionParams>) => actionInputSchema(params.action) }),
  transaction(),
  idempotent(),
  async (ctx: AuthedContext<{ params: z.output<typeof actionParams>; body: ActionInputData }>) => {
    const { id, action } = ctx.state.input.params;
    const done = await performAction(
      { applicationId: id, action, actor: ctx.state.user, input: ctx.state.input.body },
      ctx.state.transaction!,
    );
    // Presented from the rows the action loaded and wrote: nothing is read again.
    const [presented] = await presentApplications([done.application], ctx.state.user, ctx.state.transaction, {
      contracts: done.contract ? [done.contract] : [],
      files: done.files,
      steps: new Map([[done.application.flow, done.steps]]),
    });
    ctx.body = { data: presented };
  },
);

/** POST /api/applications/:id/transfer — hand the current step to a colleague (转交). */
router.post(
  '/:id/transfer',
  authenticated('staff'),
  validate({ params: idParams, body: transferSchema }),
  transaction(),
  async (ctx: AuthedContext<IdInput & { body: z.output<typeof transferSchema> }>) => {
    const app = await transferStep(ctx.state.user, ctx.state.input.params.id, ctx.state.input.body, ctx.state.transaction!);
    const [presented] = await presentApplications([app], ctx.state.user, ctx.state.transaction);
    ctx.body = { data: presented };
  },
);

export default router;
