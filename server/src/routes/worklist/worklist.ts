import Router from '@koa/router';
import { fn, col, literal } from 'sequelize';
import { STATES, type StateKey, type WorklistMeta } from '@wc/shared';
import { presentApplications, worklistWhere } from '../../commands/applicationViews';
import type { AppState, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { Application } from '../../models';

const router = new Router<AppState>({ prefix: '/worklist' });

/**
 * GET /api/worklist — what waits for me (待办): assigned to me, or unassigned in a step my roles
 * handle; most overdue first, then newest. `counts` feeds the badges.
 */
router.get('/', authenticated(), async (ctx: AuthedContext) => {
  const user = ctx.state.user;
  const where = worklistWhere(user);
  const now = new Date();
  const [apps, byState] = await Promise.all([
    Application.findAll({
      where,
      order: [
        [literal('due_at IS NULL'), 'ASC'],
        ['dueAt', 'ASC'],
        ['stateEnteredAt', 'DESC'],
      ],
      limit: 200,
    }),
    Application.findAll({
      attributes: ['state', [fn('COUNT', col('id')), 'count']],
      where,
      group: ['state'],
      raw: true,
    }) as unknown as Promise<{ state: StateKey; count: number | string }[]>,
  ]);
  const rows = await presentApplications(apps, user);
  const meta: WorklistMeta = {
    total: byState.reduce((sum, r) => sum + Number(r.count), 0),
    overdue: rows.filter((r) => r.step.overdue).length,
    byState: byState.map((r) => ({ state: r.state, label: STATES[r.state]?.label ?? r.state, count: Number(r.count) })),
    at: now.toISOString(),
  };
  ctx.body = { data: rows, meta };
});

export default router;
