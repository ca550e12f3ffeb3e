import Router from '@koa/router';
import { z } from 'zod';
import { idParam, reasonCategoryInputSchema, reasonOrderSchema, type ReasonCategoryInput } from '@wc/shared';
import {
  createReasonCategory,
  deleteReasonCategory,
  reasonSettingsView,
  reorderReasonCategories,
  updateReasonCategory,
} from '../../commands/reasons';
import type { AppState, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { authorizeAdmin } from '../../policies/admin';

const router = new Router<AppState>({ prefix: '/settings/reason-categories' });

const ADMIN_ONLY = '仅系统管理员可设置原因类别';

const idParams = z.object({ id: idParam });
type IdParams = z.output<typeof idParams>;

/** GET /api/settings/reason-categories — 原因类别: every category, how often chosen, and the actions that ask one (administrators). */
router.get('/', authenticated('staff'), async (ctx: AuthedContext) => {
  authorizeAdmin(ctx.state.user, ADMIN_ONLY);
  ctx.body = { data: await reasonSettingsView() };
});

/** POST /api/settings/reason-categories — add one at the end (administrators; audited). */
router.post(
  '/',
  authenticated('staff'),
  validate({ body: reasonCategoryInputSchema }),
  transaction(),
  async (ctx: AuthedContext<{ body: ReasonCategoryInput }>) => {
    authorizeAdmin(ctx.state.user, ADMIN_ONLY);
    const t = ctx.state.transaction!;
    await createReasonCategory(ctx.state.user, ctx.state.input.body, t, ctx.ip);
    ctx.status = 201;
    ctx.body = { data: await reasonSettingsView(t) };
  },
);

/** PUT /api/settings/reason-categories/order — the whole list's new order (administrators; audited). */
router.put(
  '/order',
  authenticated('staff'),
  validate({ body: reasonOrderSchema }),
  transaction(),
  async (ctx: AuthedContext<{ body: z.output<typeof reasonOrderSchema> }>) => {
    authorizeAdmin(ctx.state.user, ADMIN_ONLY);
    const t = ctx.state.transaction!;
    await reorderReasonCategories(ctx.state.user, ctx.state.input.body.ids, t, ctx.ip);
    ctx.body = { data: await reasonSettingsView(t) };
  },
);

/** PUT /api/settings/reason-categories/:id — rename, re-scope, disable or enable (administrators; audited). */
router.put(
  '/:id',
  authenticated('staff'),
  validate({ params: idParams, body: reasonCategoryInputSchema }),
  transaction(),
  async (ctx: AuthedContext<{ params: IdParams; body: ReasonCategoryInput }>) => {
    authorizeAdmin(ctx.state.user, ADMIN_ONLY);
    const t = ctx.state.transaction!;
    await updateReasonCategory(ctx.state.user, ctx.state.input.params.id, ctx.state.input.body, t, ctx.ip);
    ctx.body = { data: await reasonSettingsView(t) };
  },
);

/** DELETE /api/settings/reason-categories/:id — only one never chosen; one in use is disabled instead (administrators; audited). */
router.delete(
  '/:id',
  authenticated('staff'),
  validate({ params: idParams }),
  transaction(),
  async (ctx: AuthedContext<{ params: IdParams }>) => {
    authorizeAdmin(ctx.state.user, ADMIN_ONLY);
    const t = ctx.state.transaction!;
    await deleteReasonCategory(ctx.state.user, ctx.state.input.params.id, t, ctx.ip);
    ctx.body = { data: await reasonSettingsView(t) };
  },
);

export default router;
