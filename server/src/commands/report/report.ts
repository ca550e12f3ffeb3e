import {
  APPLICANT_KIND_LABELS,
  ATTACHMENT_CATEGORIES,
  CHANNEL_LABELS,
  PROCEDURE_LABELS,
  REPORT_FIGURES,
  REPORT_TARGET_FIELDS,
  ROUTE_LABELS,
  WATER_TYPE_LABELS,
  chinaDateTime,
  nearestRank,
  type ReportFigure,
  type ReportFigureKey,
  type ReportGroupView,
  type ReportQuery,
  type ReportRowView,
  type ReportRowsQueryInput,
  type ReportTargetValues,
  type ReportTimeFigure,
  type ReportView,
} from '@wc/shared';
import { loadFacts, type AppFacts } from './facts';
import { loadTargets, type TargetTable } from './targets';

const round = (value: number, places: number): number => Math.round(value * 10 ** places) / 10 ** places;

function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

function periodOf(app: AppFacts, groupBy: ReportQuery['groupBy']): string {
  return groupBy === 'month' ? app.month : 'range';
}

function periodLabel(period: string, from: string, to: string): string {
  return period === 'range' ? `${from} 至 ${to}` : `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
}

export function groupKey(app: AppFacts, groupBy: ReportQuery['groupBy']): string {
  return [periodOf(app, groupBy), app.kind, app.waterType, app.channel, app.route].join('|');
}

/** The value each figure compares for one application (rounded as shown). */
function rowValue(app: AppFacts, figure: ReportFigureKey): number | null {
  switch (figure) {
    case 'steps':
      return app.procedures.length;
    case 'workdays':
      return round(app.workdays, 1);
    case 'utilityWorkdays':
      return round(app.utilityWorkdays, 1);
    case 'cost':
      return app.cost;
    case 'documents':
      return app.documents.length;
    case 'visits':
      return app.visits;
  }
}

function judge(value: number | null, target: number | null): boolean | null {
  return value === null || target === null ? null : value <= target;
}

function figure(value: number | null, target: number | null, places: number): ReportFigure {
  const shown = value === null ? null : round(value, places);
  return { value: shown, target, met: judge(shown, target) };
}

function timeFigure(values: number[], target: number | null): ReportTimeFigure {
  const sorted = values.map((v) => round(v, 1)).sort((a, b) => a - b);
  const p90 = nearestRank(sorted, 90);
  return { value: p90, median: nearestRank(sorted, 50), target, met: judge(p90, target) };
}

function groupView(apps: AppFacts[], key: string, target: ReportTargetValues, query: ReportQuery): ReportGroupView {
  const first = apps[0]!;
  const period = periodOf(first, query.groupBy);
  const costs = apps.map((a) => a.cost);
  const budgets = apps.map((a) => a.budget).filter((c): c is number => c !== null);
  const budget = average(budgets);
  return {
    key,
    period,
    periodLabel: periodLabel(period, query.from, query.to),
    kind: first.kind,
    kindLabel: APPLICANT_KIND_LABELS[first.kind],
    waterType: first.waterType,
    waterTypeLabel: WATER_TYPE_LABELS[first.waterType],
    channel: first.channel,
    channelLabel: CHANNEL_LABELS[first.channel],
    route: first.route,
    routeLabel: ROUTE_LABELS[first.route],
    count: apps.length,
    steps: figure(average(apps.map((a) => a.procedures.length)), target.maxSteps, 1),
    workdays: timeFigure(
      apps.map((a) => a.workdays),
      target.maxWorkdays,
    ),
    utilityWorkdays: timeFigure(
      apps.map((a) => a.utilityWorkdays),
      target.maxUtilityWorkdays,
    ),
    budget: budget === null ? null : round(budget, 2),
    cost: figure(average(costs), target.maxCost, 2),
    documents: figure(average(apps.map((a) => a.documents.length)), target.maxDocuments, 1),
    visits: figure(average(apps.map((a) => a.visits)), target.maxVisits, 1),
  };
}

/** Groups in period order, then kind, 报装类型, channel and route. */
function grouped(facts: AppFacts[], groupBy: ReportQuery['groupBy']): [string, AppFacts[]][] {
  const groups = new Map<string, AppFacts[]>();
  for (const app of facts) {
    const key = groupKey(app, groupBy);
    groups.set(key, [...(groups.get(key) ?? []), app]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

export interface LoadedReport {
  view: ReportView;
  facts: AppFacts[];
  targets: TargetTable;
}

/** 获得用水: completed applications of the window, per group, each figure against its target. */
export async function loadReport(query: ReportQuery): Promise<LoadedReport> {
  const [facts, targets] = await Promise.all([loadFacts(query), loadTargets()]);
  const groups = grouped(facts, query.groupBy).map(([key, apps]) => groupView(apps, key, targets[apps[0]!.kind][apps[0]!.route], query));
  const workdays = facts.map((a) => round(a.workdays, 1)).sort((a, b) => a - b);
  const costs = facts.map((a) => a.cost);
  const steps = average(facts.map((a) => a.procedures.length));
  const cost = average(costs);
  return {
    facts,
    targets,
    view: {
      from: query.from,
      to: query.to,
      groupBy: query.groupBy,
      groups,
      total: {
        count: facts.length,
        steps: steps === null ? null : round(steps, 1),
        workdaysMedian: nearestRank(workdays, 50),
        workdaysP90: nearestRank(workdays, 90),
        cost: cost === null ? null : round(cost, 2),
      },
    },
  };
}

export function rowView(app: AppFacts, targets: TargetTable): ReportRowView {
  const target = targets[app.kind][app.route];
  const within = Object.fromEntries(REPORT_FIGURES.map((f) => [f, judge(rowValue(app, f), target[REPORT_TARGET_FIELDS[f]])])) as Record<
    ReportFigureKey,
    boolean | null
  >;
  return {
    id: app.id,
    number: app.number,
    name: app.name,
    kindLabel: APPLICANT_KIND_LABELS[app.kind],
    waterTypeLabel: WATER_TYPE_LABELS[app.waterType],
    channelLabel: CHANNEL_LABELS[app.channel],
    routeLabel: ROUTE_LABELS[app.route],
    createdAt: chinaDateTime(app.createdAt),
    completedAt: chinaDateTime(app.completedAt),
    procedures: app.procedures,
    procedureLabels: app.procedures.map((p) => PROCEDURE_LABELS[p]),
    steps: app.procedures.length,
    workdays: round(app.workdays, 1),
    utilityWorkdays: round(app.utilityWorkdays, 1),
    budget: app.budget,
    cost: app.cost,
    documents: app.documents.length,
    documentLabels: app.documents.map((c) => ATTACHMENT_CATEGORIES[c].label),
    visits: app.visits,
    within,
  };
}

/**
 * The applications behind a group (and figure): the report's filters plus the group's period. With
 * a figure, those beyond its target come first, worst first, so the page opens on what turned red.
 */
export async function loadReportRows(query: ReportRowsQueryInput): Promise<ReportRowView[]> {
  const [facts, targets] = await Promise.all([loadFacts(query), loadTargets()]);
  const rows = facts.filter((app) => !query.period || periodOf(app, query.groupBy) === query.period);
  const { figure: by } = query;
  if (by) {
    rows.sort((a, b) => (rowValue(b, by) ?? -1) - (rowValue(a, by) ?? -1) || a.completedAt.getTime() - b.completedAt.getTime());
  }
  return rows.map((app) => rowView(app, targets));
}
