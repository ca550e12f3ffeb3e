import Router from '@koa/router';
import type { ReasonStatsView, SlowStepsView } from '@wc/shared';
import { loadReasonStats, loadSlowSteps } from '../../commands/reasonStats';
import type { AppState, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { validate } from '../../middlewares/validate';
import { dashboardQuerySchema, type DashboardQueryInput } from './schema';

const router = new Router<AppState>({ prefix: '/stats' });

/** GET /api/stats/reasons — 原因统计: returns and rejections per action and 原因类别 in the window (staff, as the dashboard). */
router.get(
  '/reasons',
  authenticated('staff'),
  validate({ query: dashboardQuerySchema }),
  async (ctx: AuthedContext<{ query: DashboardQueryInput }>) => {
    const data: ReasonStatsView = await loadReasonStats(ctx.state.input.query);
    ctx.body = { data };
  },
);

/** GET /api/stats/slow-steps — 等待最久: median and P90 per step, person and team on the utility's clock (staff). */
router.get(
  '/slow-steps',
  authenticated('staff'),
  validate({ query: dashboardQuerySchema }),
  async (ctx: AuthedContext<{ query: DashboardQueryInput }>) => {
    const data: SlowStepsView = await loadSlowSteps(ctx.state.input.query);
    ctx.body = { data };
  },
);

export default router;
