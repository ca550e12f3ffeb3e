import Router from '@koa/router';
import type { DashboardView } from '@wc/shared';
import { loadDashboard } from '../../commands/stats';
import type { AppState, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { validate } from '../../middlewares/validate';
import { dashboardQuerySchema, type DashboardQueryInput } from './schema';

const router = new Router<AppState>({ prefix: '/stats' });

/** GET /api/stats/dashboard — counts and overdue per state, cycle time per step vs its threshold (staff). */
router.get(
  '/dashboard',
  authenticated('staff'),
  validate({ query: dashboardQuerySchema }),
  async (ctx: AuthedContext<{ query: DashboardQueryInput }>) => {
    const data: DashboardView = await loadDashboard(ctx.state.input.query);
    ctx.body = { data };
  },
);

export default router;
