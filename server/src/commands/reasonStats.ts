import { QueryTypes } from 'sequelize';
import {
  ROLE_LABELS,
  STATES,
  isActionKey,
  reasonActionLabel,
  type FlowKey,
  type ReasonCountView,
  type ReasonStatsView,
  type SlowStepsView,
  type StateKey,
  type WaitFigures,
} from '@wc/shared';
import { chinaDayEnd, chinaDayStart } from '../lib/search';
import { services } from '../services';
import { reasonCategories } from './reasons';

const HOUR_MS = 3600 * 1000;
const round1 = (ms: number): number => Math.round((ms / HOUR_MS) * 10) / 10;

export interface StatsWindow {
  /** China calendar days, inclusive. */
  from: string;
  to: string;
  kind?: FlowKey;
}

function replacements(query: StatsWindow): Record<string, unknown> {
  return { start: chinaDayStart(query.from), end: chinaDayEnd(query.to), ...(query.kind ? { kind: query.kind } : {}) };
}

/** 原因统计: how many returns and rejections chose each category in the window, per action, most first. */
export async function loadReasonStats(query: StatsWindow): Promise<ReasonStatsView> {
  const sql = `
    SELECT h.action AS action, h.reason_category_id AS category_id, COUNT(*) AS n
    FROM application_history h
    ${query.kind ? 'INNER JOIN applications a ON a.id = h.application_id' : ''}
    WHERE h.reason_category_id IS NOT NULL AND h.at >= :start AND h.at < :end ${query.kind ? 'AND a.flow = :kind' : ''}
    GROUP BY h.action, h.reason_category_id`;
  type Row = { action: string; category_id: number | string; n: number | string };
  const [rows, categories] = await Promise.all([
    services().sequelize.query<Row>(sql, { type: QueryTypes.SELECT, replacements: replacements(query) }),
    reasonCategories(),
  ]);
  const labels = new Map(categories.map((c) => [c.id, c.label]));
  const result = rows.map((r): ReasonCountView => ({
    action: r.action,
    actionLabel: isActionKey(r.action) ? reasonActionLabel(r.action) : r.action,
    categoryId: Number(r.category_id),
    label: labels.get(Number(r.category_id)) ?? `#${r.category_id}`,
    count: Number(r.n),
  }));
  result.sort((a, b) => b.count - a.count || a.actionLabel.localeCompare(b.actionLabel) || a.label.localeCompare(b.label));
  return { from: query.from, to: query.to, total: result.reduce((sum, r) => sum + r.count, 0), rows: result };
}

/** What finished step visits are grouped by: the step, who ended it, the role they ended it in (岗位). */
const GROUPS = { step: 'h.from_state', person: 'h.actor_user_id', team: 'h.actor_role' } as const;

interface RankedRow {
  group_key: string | number;
  name: string | null;
  n: number | string;
  rn: number | string;
  duration_ms: number | string;
}

/**
 * P50 and P90 (nearest rank) of finished step visits on the utility's clock, per group — as the
 * dashboard's cycle times are computed (commands/stats.ts): the database ranks with window functions
 * and returns at most two rows per group.
 */
async function percentilesBy(group: keyof typeof GROUPS, query: StatsWindow): Promise<Map<string, WaitFigures & { name: string | null }>> {
  const column = GROUPS[group];
  const sql = `
    SELECT group_key, name, n, rn, duration_ms FROM (
      SELECT ${column} AS group_key, h.actor_name AS name, h.duration_ms AS duration_ms,
        ROW_NUMBER() OVER (PARTITION BY ${column} ORDER BY h.duration_ms, h.id) AS rn,
        COUNT(*) OVER (PARTITION BY ${column}) AS n
      FROM application_history h
      INNER JOIN applications a ON a.id = h.application_id
      WHERE h.new_step = 1 AND h.clock = 'utility' AND h.from_state IS NOT NULL AND ${column} IS NOT NULL
        AND h.at >= :start AND h.at < :end ${query.kind ? 'AND a.flow = :kind' : ''}
    ) ranked
    WHERE (2 * (rn - 1) < n AND n <= 2 * rn) OR (10 * (rn - 1) < 9 * n AND 9 * n <= 10 * rn)`;
  const rows = await services().sequelize.query<RankedRow>(sql, { type: QueryTypes.SELECT, replacements: replacements(query) });
  const result = new Map<string, WaitFigures & { name: string | null }>();
  for (const row of rows) {
    const n = Number(row.n);
    const rn = Number(row.rn);
    const hours = round1(Number(row.duration_ms));
    const key = String(row.group_key);
    const entry = result.get(key) ?? { count: n, p50Hours: 0, p90Hours: 0, name: row.name };
    if (2 * (rn - 1) < n && n <= 2 * rn) {
      entry.p50Hours = hours;
    }
    if (10 * (rn - 1) < 9 * n && 9 * n <= 10 * rn) {
      entry.p90Hours = hours;
    }
    result.set(key, entry);
  }
  return result;
}

/** Slowest first: by P90, then by median, then by how many. */
function slowestFirst<T extends WaitFigures>(rows: T[]): T[] {
  return rows.sort((a, b) => b.p90Hours - a.p90Hours || b.p50Hours - a.p50Hours || b.count - a.count);
}

/** 等待最久: where work waits longest on the utility's clock, per step, per person and per team. */
export async function loadSlowSteps(query: StatsWindow): Promise<SlowStepsView> {
  const [steps, people, teams] = await Promise.all([
    percentilesBy('step', query),
    percentilesBy('person', query),
    percentilesBy('team', query),
  ]);
  const figures = ({ count, p50Hours, p90Hours }: WaitFigures): WaitFigures => ({ count, p50Hours, p90Hours });
  return {
    from: query.from,
    to: query.to,
    steps: slowestFirst([...steps].map(([state, f]) => ({ state, label: STATES[state as StateKey]?.label ?? state, ...figures(f) }))),
    people: slowestFirst([...people].map(([id, f]) => ({ userId: Number(id), name: f.name ?? `#${id}`, ...figures(f) }))),
    teams: slowestFirst(
      [...teams].map(([role, f]) => ({ role, roleLabel: ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? role, ...figures(f) })),
    ),
  };
}
