import Router from '@koa/router';
import { z } from 'zod';
import { fastTrackOrderSchema, fastTrackRuleInputSchema, idParam, type FastTrackRuleInput } from '@wc/shared';
import {
  createFastTrackRule,
  deleteFastTrackRule,
  fastTrackRuleViews,
  reorderFastTrackRules,
  updateFastTrackRule,
} from '../../commands/fastTrack';
import type { AppState, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { authorizeAdmin } from '../../policies/admin';

const router = new Router<AppState>({ prefix: '/settings/fast-track-rules' });

const ADMIN_ONLY = '仅系统管理员可设置快速通道规则';

const idParams = z.object({ id: idParam });
type IdParams = z.output<typeof idParams>;

/** GET /api/settings/fast-track-rules — 快速通道规则, in the order they are tried (administrators). */
router.get('/', authenticated('staff'), async (ctx: AuthedContext) => {
  authorizeAdmin(ctx.state.user, ADMIN_ONLY);
  ctx.body = { data: await fastTrackRuleViews() };
});

/** POST /api/settings/fast-track-rules — add a rule, tried last (administrators; audited). */
router.post(
  '/',
  authenticated('staff'),
  validate({ body: fastTrackRuleInputSchema }),
  transaction(),
  async (ctx: AuthedContext<{ body: FastTrackRuleInput }>) => {
    authorizeAdmin(ctx.state.user, ADMIN_ONLY);
    const t = ctx.state.transaction!;
    await createFastTrackRule(ctx.state.user, ctx.state.input.body, t, ctx.ip);
    ctx.status = 201;
    ctx.body = { data: await fastTrackRuleViews(t) };
  },
);

/** PUT /api/settings/fast-track-rules/order — the order the rules are tried in (administrators; audited). */
router.put(
  '/order',
  authenticated('staff'),
  validate({ body: fastTrackOrderSchema }),
  transaction(),
  async (ctx: AuthedContext<{ body: z.output<typeof fastTrackOrderSchema> }>) => {
    authorizeAdmin(ctx.state.user, ADMIN_ONLY);
    const t = ctx.state.transaction!;
    await reorderFastTrackRules(ctx.state.user, ctx.state.input.body.ids, t, ctx.ip);
    ctx.body = { data: await fastTrackRuleViews(t) };
  },
);

/** PUT /api/settings/fast-track-rules/:id — change, enable or disable a rule; only new applications follow (administrators; audited). */
router.put(
  '/:id',
  authenticated('staff'),
  validate({ params: idParams, body: fastTrackRuleInputSchema }),
  transaction(),
  async (ctx: AuthedContext<{ params: IdParams; body: FastTrackRuleInput }>) => {
    authorizeAdmin(ctx.state.user, ADMIN_ONLY);
    const t = ctx.state.transaction!;
    await updateFastTrackRule(ctx.state.user, ctx.state.input.params.id, ctx.state.input.body, t, ctx.ip);
    ctx.body = { data: await fastTrackRuleViews(t) };
  },
);

/** DELETE /api/settings/fast-track-rules/:id — remove a rule (administrators; audited). */
router.delete(
  '/:id',
  authenticated('staff'),
  validate({ params: idParams }),
  transaction(),
  async (ctx: AuthedContext<{ params: IdParams }>) => {
    authorizeAdmin(ctx.state.user, ADMIN_ONLY);
    const t = ctx.state.transaction!;
    await deleteFastTrackRule(ctx.state.user, ctx.state.input.params.id, t, ctx.ip);
    ctx.body = { data: await fastTrackRuleViews(t) };
  },
);

export default router;
