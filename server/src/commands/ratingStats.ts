import { Op, QueryTypes, literal, type WhereOptions } from 'sequelize';
import {
  LOW_RATING_MAX,
  ROLE_LABELS,
  STAFF_ROLES,
  STATES,
  chinaDate,
  ratingStars,
  type ActorRole,
  type FlowKey,
  type LowRatingView,
  type RatingMonthView,
  type RatingStatsView,
  type RatingTeamView,
  type StateKey,
} from '@wc/shared';
import type { AuthUser } from '../context';
import { chinaDayEnd, chinaDayStart } from '../lib/search';
import { maskText } from '../logger';
import { Application, Rating } from '../models';
import { ratingPolicy } from '../policies/rating';
import { services } from '../services';

export interface RatingStatsQuery {
  /** China calendar days (inclusive) in which the ratings were given. */
  from: string;
  to: string;
  kind?: FlowKey;
}

/** How many low ratings the dashboard lists for follow-up. */
const LOW_LIMIT = 20;

const avg = (total: number, count: number): number => Math.round((total / count) * 100) / 100;

/** The ratings of one flow's applications only (the dashboard's 企业单位 / 居民 filter). */
function scopeOf(query: RatingStatsQuery): WhereOptions<Rating> {
  const window = { createdAt: { [Op.gte]: chinaDayStart(query.from), [Op.lt]: chinaDayEnd(query.to) } };
  if (!query.kind) {
    return window;
  }
  const flow = services().sequelize.escape(query.kind);
  return { ...window, applicationId: { [Op.in]: literal(`(SELECT id FROM applications WHERE flow = ${flow})`) } };
}

/**
 * Average and count per China month. The scores are read (two small columns) and counted here: the
 * two databases disagree on turning a stored instant into a China month, and a window holds no more
 * ratings than applications completed in it.
 */
async function byMonth(scope: WhereOptions<Rating>): Promise<{ months: RatingMonthView[]; count: number; total: number }> {
  const rows = await Rating.findAll({ attributes: ['score', 'createdAt'], where: scope });
  const months = new Map<string, { count: number; total: number }>();
  for (const row of rows) {
    const month = chinaDate(row.createdAt).slice(0, 7);
    const entry = months.get(month) ?? { count: 0, total: 0 };
    entry.count += 1;
    entry.total += row.score;
    months.set(month, entry);
  }
  return {
    months: [...months.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, m]) => ({ month, count: m.count, average: avg(m.total, m.count) })),
    count: rows.length,
    total: rows.reduce((sum, r) => sum + r.score, 0),
  };
}

interface TeamRow {
  state: StateKey;
  role: ActorRole;
  user_id: number | string | null;
  name: string | null;
  n: number | string;
  total: number | string;
}

/**
 * Per step and the team (岗位) that handled it there — every staff entry of the rated applications'
 * history that left the step — and per person in it. Each rated application counts once per step
 * and team (and once per person), however often the step was visited.
 */
async function byTeam(query: RatingStatsQuery): Promise<RatingTeamView[]> {
  const handled = (person: boolean) => `
    SELECT DISTINCT r.application_id AS application_id, r.score AS score, h.from_state AS state, h.actor_role AS role
      ${person ? ', h.actor_user_id AS user_id' : ''}
    FROM ratings r
    INNER JOIN applications a ON a.id = r.application_id
    INNER JOIN application_history h ON h.application_id = r.application_id
    WHERE r.created_at >= :start AND r.created_at < :end ${query.kind ? 'AND a.flow = :kind' : ''}
      AND h.from_state IS NOT NULL AND h.actor_role IN (:roles)`;
  const replacements = {
    start: chinaDayStart(query.from),
    end: chinaDayEnd(query.to),
    roles: [...STAFF_ROLES],
    ...(query.kind ? { kind: query.kind } : {}),
  };
  const sequelize = services().sequelize;
  const [teams, people] = await Promise.all([
    sequelize.query<TeamRow>(
      `SELECT state, role, NULL AS user_id, NULL AS name, COUNT(*) AS n, SUM(score) AS total FROM (${handled(false)}) handled GROUP BY state, role`,
      { type: QueryTypes.SELECT, replacements },
    ),
    sequelize.query<TeamRow>(
      `SELECT p.state AS state, p.role AS role, p.user_id AS user_id, MAX(u.display_name) AS name, COUNT(*) AS n, SUM(p.score) AS total
       FROM (${handled(true)}) p LEFT JOIN users u ON u.id = p.user_id
       GROUP BY p.state, p.role, p.user_id`,
      { type: QueryTypes.SELECT, replacements },
    ),
  ]);
  const key = (r: Pick<TeamRow, 'state' | 'role'>) => `${r.state}|${r.role}`;
  const peopleOf = new Map<string, RatingTeamView['people']>();
  for (const row of people) {
    const list = peopleOf.get(key(row)) ?? [];
    const n = Number(row.n);
    list.push({
      userId: row.user_id === null ? null : Number(row.user_id),
      name: row.name ?? '—',
      count: n,
      average: avg(Number(row.total), n),
    });
    peopleOf.set(key(row), list);
  }
  return teams
    .filter((row) => row.state in STATES)
    .map((row): RatingTeamView => {
      const n = Number(row.n);
      return {
        state: row.state,
        stepLabel: STATES[row.state].label,
        role: row.role,
        roleLabel: ROLE_LABELS[row.role] ?? row.role,
        count: n,
        average: avg(Number(row.total), n),
        people: (peopleOf.get(key(row)) ?? []).sort((a, b) => a.average - b.average || b.count - a.count),
      };
    })
    .sort((a, b) => a.average - b.average || b.count - a.count || a.stepLabel.localeCompare(b.stepLabel));
}

/** The latest ratings of two stars or fewer, with the application, for someone to call the customer back. */
async function lowRatings(viewer: AuthUser, scope: WhereOptions<Rating>): Promise<LowRatingView[]> {
  const rows = await Rating.findAll({
    where: { ...scope, score: { [Op.lte]: LOW_RATING_MAX } },
    order: [
      ['createdAt', 'DESC'],
      ['id', 'DESC'],
    ],
    limit: LOW_LIMIT,
  });
  const apps = rows.length
    ? await Application.findAll({
        attributes: ['id', 'number', 'name', 'applicantUserId'],
        where: { id: { [Op.in]: rows.map((r) => r.applicationId) } },
      })
    : [];
  const byId = new Map(apps.map((a) => [a.id, a]));
  return rows.flatMap((r) => {
    const app = byId.get(r.applicationId);
    if (!app) {
      return [];
    }
    const full = ratingPolicy.fullComment(viewer, app);
    return [
      {
        applicationId: app.id,
        number: app.number,
        name: app.name,
        score: r.score,
        stars: ratingStars(r.score),
        comment: r.comment === null || full ? r.comment : maskText(r.comment),
        createdAt: r.createdAt.toISOString(),
      },
    ];
  });
}

/** 服务评价 on the staff dashboard: per month, per step and team, and the low ones to follow up. */
export async function loadRatingStats(viewer: AuthUser, query: RatingStatsQuery): Promise<RatingStatsView> {
  const scope = scopeOf(query);
  const [months, teams, low] = await Promise.all([byMonth(scope), byTeam(query), lowRatings(viewer, scope)]);
  return {
    from: query.from,
    to: query.to,
    count: months.count,
    average: months.count ? avg(months.total, months.count) : null,
    byMonth: months.months,
    byTeam: teams,
    low,
  };
}
