import Router from '@koa/router';
import type { RatingStatsView } from '@wc/shared';
import { loadRatingStats } from '../../commands/ratingStats';
import type { AppState, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { validate } from '../../middlewares/validate';
import { dashboardQuerySchema, type DashboardQueryInput } from './schema';

const router = new Router<AppState>({ prefix: '/stats' });

/**
 * GET /api/stats/ratings — 服务评价 given in the dashboard's window: per month, per step and team
 * (lowest first), and the latest low ones. The dashboard's permission: any staff member.
 */
router.get(
  '/ratings',
  authenticated('staff'),
  validate({ query: dashboardQuerySchema }),
  async (ctx: AuthedContext<{ query: DashboardQueryInput }>) => {
    const data: RatingStatsView = await loadRatingStats(ctx.state.user, ctx.state.input.query);
    ctx.body = { data };
  },
);

export default router;
