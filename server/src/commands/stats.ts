import { Op, QueryTypes, fn, col, type WhereOptions } from 'sequelize';
import {
  APPLICANT_KIND_LABELS,
  CURRENT_WORKFLOW_VERSION,
  STATES,
  STATE_KEYS,
  THRESHOLD_UNIT_LABELS,
  WORKFLOWS,
  type FlowKey,
  type CycleTimeView,
  type DashboardView,
  type StateCountView,
  type StateKey,
} from '@wc/shared';
import { Application } from '../models';
import { services } from '../services';
import { stepConfigs } from './settings';
import { chinaDayEnd, chinaDayStart } from '../lib/search';

const HOUR_MS = 3600 * 1000;

export interface DashboardQuery {
  /** China calendar days (inclusive) of the window for cycle times and created/completed counts. */
  from: string;
  to: string;
  kind?: FlowKey;
}

const round1 = (ms: number): number => Math.round((ms / HOUR_MS) * 10) / 10;

function windowBounds(query: DashboardQuery): { start: Date; end: Date } {
  const start = chinaDayStart(query.from);
  const end = chinaDayEnd(query.to);
  return { start, end };
}

/** Counts per state and how many of them are past their due time, in two grouped queries. */
async function countByState(kind: FlowKey | undefined, now: Date): Promise<StateCountView[]> {
  const scope: WhereOptions<Application> = kind ? { flow: kind } : {};
  type Row = { state: StateKey; count: number | string };
  const [all, overdue] = (await Promise.all([
    Application.findAll({ attributes: ['state', [fn('COUNT', col('id')), 'count']], where: scope, group: ['state'], raw: true }),
    Application.findAll({
      attributes: ['state', [fn('COUNT', col('id')), 'count']],
      where: { ...scope, dueAt: { [Op.lt]: now } },
      group: ['state'],
      raw: true,
    }),
  ])) as unknown as [Row[], Row[]];
  const overdueByState = new Map(overdue.map((r) => [r.state, Number(r.count)]));
  const counted = new Map(all.map((r) => [r.state, Number(r.count)]));
  // Every state in workflow order, so the dashboard's bars keep their places when a count is zero.
  return STATE_KEYS.filter((s) => counted.has(s) || !STATES[s].terminal).map((state) => ({
    state,
    label: STATES[state].label,
    terminal: STATES[state].terminal === true,
    count: counted.get(state) ?? 0,
    overdue: overdueByState.get(state) ?? 0,
  }));
}

interface RankedRow {
  flow: FlowKey;
  state: StateKey;
  n: number | string;
  rn: number | string;
  duration_ms: number | string;
}

/**
 * P50 and P90 of each step's finished visits on the utility's clock (nearest rank). The database
 * ranks the durations with window functions (SQLite ≥ 3.25, MariaDB ≥ 10.2) and returns at most two
 * rows per step, so the cost does not grow with what is sent to the server. The rank tests are
 * integer-only: rank r is the nearest rank of p = a/b of n rows when b(r−1) < a·n ≤ b·r.
 */
async function stepPercentiles(
  start: Date,
  end: Date,
  kind: FlowKey | undefined,
): Promise<Map<string, { n: number; p50: number; p90: number }>> {
  const sql = `
    SELECT flow, state, n, rn, duration_ms FROM (
      SELECT a.flow AS flow, h.from_state AS state, h.duration_ms AS duration_ms,
        ROW_NUMBER() OVER (PARTITION BY a.flow, h.from_state ORDER BY h.duration_ms, h.id) AS rn,
        COUNT(*) OVER (PARTITION BY a.flow, h.from_state) AS n
      FROM application_history h
      INNER JOIN applications a ON a.id = h.application_id
      WHERE h.new_step = 1 AND h.clock = 'utility' AND h.from_state IS NOT NULL
        AND h.at >= :start AND h.at < :end ${kind ? 'AND a.flow = :kind' : ''}
    ) ranked
    WHERE (2 * (rn - 1) < n AND n <= 2 * rn) OR (10 * (rn - 1) < 9 * n AND 9 * n <= 10 * rn)`;
  const rows = await services().sequelize.query<RankedRow>(sql, {
    type: QueryTypes.SELECT,
    replacements: { start, end, ...(kind ? { kind } : {}) },
  });
  const result = new Map<string, { n: number; p50: number; p90: number }>();
  for (const row of rows) {
    const n = Number(row.n);
    const rn = Number(row.rn);
    const ms = Number(row.duration_ms);
    const key = `${row.flow}.${row.state}`;
    const entry = result.get(key) ?? { n, p50: 0, p90: 0 };
    if (2 * (rn - 1) < n && n <= 2 * rn) {
      entry.p50 = ms;
    }
    if (10 * (rn - 1) < 9 * n && 9 * n <= 10 * rn) {
      entry.p90 = ms;
    }
    result.set(key, entry);
  }
  return result;
}

/** Steps of a flow on the utility's clock: the main path first, then its side states. */
function utilitySteps(flow: FlowKey): StateKey[] {
  const def = WORKFLOWS[flow][CURRENT_WORKFLOW_VERSION[flow]];
  if (!def) {
    return [];
  }
  const keys = [...def.steps, ...(Object.keys(def.states) as StateKey[]).filter((s) => !def.steps.includes(s))];
  return keys.filter((s) => STATES[s].clock === 'utility');
}

/** The staff dashboard: counts and overdue per state, and cycle time per step against its threshold. */
export async function loadDashboard(query: DashboardQuery, now = new Date()): Promise<DashboardView> {
  const { start, end } = windowBounds(query);
  const flows: FlowKey[] = query.kind ? [query.kind] : ['enterprise', 'resident'];
  const scope: WhereOptions<Application> = query.kind ? { flow: query.kind } : {};
  const [byState, percentiles, created, completed, ...configs] = await Promise.all([
    countByState(query.kind, now),
    stepPercentiles(start, end, query.kind),
    Application.count({ where: { ...scope, createdAt: { [Op.gte]: start, [Op.lt]: end } } }),
    Application.count({ where: { ...scope, state: 'completed', completedAt: { [Op.gte]: start, [Op.lt]: end } } }),
    ...flows.map((f) => stepConfigs(f)),
  ]);
  const cycleTimes = flows.flatMap((flow, index) =>
    utilitySteps(flow).map((state): CycleTimeView => {
      const stats = percentiles.get(`${flow}.${state}`);
      const threshold = configs[index]?.get(state)?.threshold ?? null;
      return {
        flow,
        flowLabel: APPLICANT_KIND_LABELS[flow],
        state,
        label: STATES[state].label,
        count: stats?.n ?? 0,
        p50Hours: stats ? round1(stats.p50) : null,
        p90Hours: stats ? round1(stats.p90) : null,
        threshold,
        thresholdText: threshold ? `${threshold.value}${THRESHOLD_UNIT_LABELS[threshold.unit]}` : null,
        thresholdHours: threshold ? (threshold.unit === 'hours' ? threshold.value : threshold.value * 24) : null,
      };
    }),
  );
  const active = byState.filter((s) => !s.terminal);
  return {
    from: query.from,
    to: query.to,
    summary: {
      active: active.reduce((sum, s) => sum + s.count, 0),
      overdue: active.reduce((sum, s) => sum + s.overdue, 0),
      created,
      completed,
    },
    byState,
    cycleTimes,
  };
}
