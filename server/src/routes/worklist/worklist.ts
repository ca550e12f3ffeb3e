import Router from '@koa/router';
import { Op, fn, col, literal, type WhereOptions } from 'sequelize';
import { STATES, worklistQuerySchema, type StateKey, type WorklistMeta, type WorklistQuery } from '@wc/shared';
import { presentApplications, worklistWhere } from '../../commands/applicationViews';
import type { AppState, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { validate } from '../../middlewares/validate';
import { Application } from '../../models';

const router = new Router<AppState>({ prefix: '/worklist' });
const STATE_ORDER = Object.keys(STATES);

/** Only steps on the utility's clock carry a due time, so "due before now" is exactly "overdue". */
const overdueWhere = (now: Date): WhereOptions<Application> => ({ dueAt: { [Op.lt]: now } });

function filtered(mine: WhereOptions<Application>, filter: string, now: Date): WhereOptions<Application> {
  if (filter === 'overdue') {
    return { [Op.and]: [mine, overdueWhere(now)] };
  }
  if (filter !== 'all') {
    return { [Op.and]: [mine, { state: filter as StateKey }] };
  }
  return mine;
}

/**
 * GET /api/worklist?filter=&page=&pageSize= — what waits for me (待办): assigned to me, or unassigned
 * in a step my roles handle; most overdue first, then newest. The badges' counts (all, overdue, per
 * state) and the page's total are counted by the database over everything waiting, so a badge
 * saying 230 已超时 means 230, however many rows one page shows.
 */
router.get('/', authenticated(), validate({ query: worklistQuerySchema }), async (ctx: AuthedContext<{ query: WorklistQuery }>) => {
  const user = ctx.state.user;
  const { page, pageSize, filter } = ctx.state.input.query;
  const mine = worklistWhere(user);
  const now = new Date();
  const where = filtered(mine, filter, now);
  const [apps, matched, overdue, byState] = await Promise.all([
    Application.findAll({
      where,
      order: [
        [literal('due_at IS NULL'), 'ASC'],
        ['dueAt', 'ASC'],
        ['stateEnteredAt', 'DESC'],
        ['id', 'DESC'],
      ],
      limit: pageSize,
      offset: (page - 1) * pageSize,
    }),
    filter === 'all' ? null : Application.count({ where }),
    Application.count({ where: { [Op.and]: [mine, overdueWhere(now)] } }),
    Application.findAll({
      attributes: ['state', [fn('COUNT', col('id')), 'count']],
      where: mine,
      group: ['state'],
      raw: true,
    }) as unknown as Promise<{ state: StateKey; count: number | string }[]>,
  ]);
  const all = byState.reduce((sum, r) => sum + Number(r.count), 0);
  const meta: WorklistMeta = {
    page,
    pageSize,
    total: matched ?? all,
    filter,
    counts: {
      all,
      overdue,
      // In the flow's order, as the steps come, not in whatever order the database grouped them.
      byState: byState
        .map((r) => ({ state: r.state, label: STATES[r.state]?.label ?? r.state, count: Number(r.count) }))
        .sort((a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state)),
    },
    at: now.toISOString(),
  };
  ctx.body = { data: await presentApplications(apps, user), meta };
});

/**
 * GET /api/worklist/count — only the menu badge's two numbers (待办, of them 已超时): two indexed
 * COUNTs, cheap enough for every open staff page to ask every few seconds, so a step assigned to
 * someone shows on their badge within seconds without reading the list.
 */
router.get('/count', authenticated(), async (ctx: AuthedContext) => {
  const mine = worklistWhere(ctx.state.user);
  const now = new Date();
  const [all, overdue] = await Promise.all([
    Application.count({ where: mine }),
    Application.count({ where: { [Op.and]: [mine, overdueWhere(now)] } }),
  ]);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { data: { all, overdue, at: now.toISOString() } };
});

export default router;
