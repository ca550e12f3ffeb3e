import { z } from 'zod';
import { APPLICANT_KINDS, CHANNELS, WATER_TYPES, type ApplicantKind, type Channel, type WaterType } from '../domain';
import { isoDate } from '../schemas/common';
import { ROUTES, type Route } from '../workflow/types';
import type { Procedure } from './procedures';

/**
 * The figures of the 获得用水 report and how each is compared with its target. Time is judged by
 * its P90 (nine applications in ten within the promise); steps, documents, counter visits and cost
 * by the group's average, so one unusual application shows in its row without turning a month red.
 */
export const REPORT_FIGURES = ['steps', 'workdays', 'utilityWorkdays', 'cost', 'documents', 'visits'] as const;
export type ReportFigureKey = (typeof REPORT_FIGURES)[number];

export const REPORT_FIGURE_LABELS: Record<ReportFigureKey, string> = {
  steps: '环节数',
  workdays: '总时间(工作日)',
  utilityWorkdays: '供水单位用时(工作日)',
  cost: '费用(元)',
  documents: '申请材料(份)',
  visits: '到柜台次数',
};

/** What the compared value of each figure is (shown beside the label). */
export const REPORT_FIGURE_MEASURE: Record<ReportFigureKey, 'average' | 'p90'> = {
  steps: 'average',
  workdays: 'p90',
  utilityWorkdays: 'p90',
  cost: 'average',
  documents: 'average',
  visits: 'average',
};

/** The target column of each figure (report_targets). */
export const REPORT_TARGET_FIELDS = {
  steps: 'maxSteps',
  workdays: 'maxWorkdays',
  utilityWorkdays: 'maxUtilityWorkdays',
  cost: 'maxCost',
  documents: 'maxDocuments',
  visits: 'maxVisits',
} as const satisfies Record<ReportFigureKey, string>;

export type ReportTargetField = (typeof REPORT_TARGET_FIELDS)[ReportFigureKey];

/** One row of 获得用水目标: the utility's promise for one applicant kind on one route (null: no target). */
export type ReportTargetValues = Record<ReportTargetField, number | null>;
export interface ReportTargetView extends ReportTargetValues {
  kind: ApplicantKind;
  kindLabel: string;
  route: Route;
  routeLabel: string;
}

/** A figure of a group: the compared value, the target and whether it was met (null: no target or no value). */
export interface ReportFigure {
  value: number | null;
  target: number | null;
  met: boolean | null;
}

/** Time figures also carry their median. */
export interface ReportTimeFigure extends ReportFigure {
  median: number | null;
}

export interface ReportGroupView {
  /** Identifies the group for the drill-down: period|kind|waterType|channel|route. */
  key: string;
  /** `YYYY-MM`, or `range` when the whole window is one period. */
  period: string;
  periodLabel: string;
  kind: ApplicantKind;
  kindLabel: string;
  waterType: WaterType;
  waterTypeLabel: string;
  channel: Channel;
  channelLabel: string;
  route: Route;
  routeLabel: string;
  count: number;
  steps: ReportFigure;
  workdays: ReportTimeFigure;
  utilityWorkdays: ReportTimeFigure;
  /** Average confirmed budget (no target of its own; the cost target judges the final amount). */
  budget: number | null;
  cost: ReportFigure;
  documents: ReportFigure;
  visits: ReportFigure;
}

export interface ReportView {
  from: string;
  to: string;
  groupBy: ReportGroupBy;
  groups: ReportGroupView[];
  /** All groups together (each figure against no target). */
  total: { count: number; steps: number | null; workdaysMedian: number | null; workdaysP90: number | null; cost: number | null };
}

/** One application behind a figure. */
export interface ReportRowView {
  id: number;
  number: string;
  name: string;
  kindLabel: string;
  waterTypeLabel: string;
  channelLabel: string;
  routeLabel: string;
  createdAt: string;
  completedAt: string;
  procedures: Procedure[];
  procedureLabels: string[];
  steps: number;
  workdays: number;
  utilityWorkdays: number;
  budget: number | null;
  /** Final settlement, else the confirmed budget, else 0 (nothing to pay). */
  cost: number;
  documents: number;
  documentLabels: string[];
  visits: number;
  /** Per figure: whether this application on its own is within the target (null: no target). */
  within: Record<ReportFigureKey, boolean | null>;
}

export const REPORT_GROUP_BY = ['month', 'range'] as const;
export type ReportGroupBy = (typeof REPORT_GROUP_BY)[number];

const DAY_MS = 24 * 3600 * 1000;

/** A China calendar day, `YYYY-MM-DD`, `days` days before `day`. */
function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

/** Default window: the current month and the five before it (China days), whole months. */
function withWindow<T extends { from?: string; to?: string }>(q: T): T & { from: string; to: string } {
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const to = q.to ?? today;
  const from = q.from ?? `${daysBefore(`${to.slice(0, 7)}-01`, 150).slice(0, 7)}-01`;
  return { ...q, from, to };
}

/**
 * GET /api/report: completed applications whose 完成 date falls in [from, to] (China days), grouped
 * by month (default) or over the whole range, narrowed by kind, 报装类型, channel and route.
 */
export const reportQuerySchema = z
  .object({
    from: isoDate('开始日期').optional(),
    to: isoDate('结束日期').optional(),
    groupBy: z.enum(REPORT_GROUP_BY, { error: '分组方式应为按月或整个期间' }).default('month'),
    kind: z.enum(APPLICANT_KINDS, { error: '用户类型不正确' }).optional(),
    waterType: z.enum(WATER_TYPES, { error: '报装类型不正确' }).optional(),
    channel: z.enum(CHANNELS, { error: '受理方式不正确' }).optional(),
    route: z.enum(ROUTES, { error: '办理路径不正确' }).optional(),
  })
  .strict()
  .transform(withWindow)
  .refine((q) => q.from <= q.to, { error: '开始日期不能晚于结束日期', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 3 * DAY_MS, { error: '查询期间最长三年', path: ['from'] });

export type ReportQuery = z.output<typeof reportQuerySchema>;

/** GET /api/report/rows: the report's filters, narrowed to one group (`period` as the group has it). */
export const reportRowsQuerySchema = z
  .object({
    from: isoDate('开始日期').optional(),
    to: isoDate('结束日期').optional(),
    groupBy: z.enum(REPORT_GROUP_BY, { error: '分组方式应为按月或整个期间' }).default('month'),
    period: z
      .string()
      .regex(/^(\d{4}-\d{2}|range)$/, { error: '期间格式应为 年-月' })
      .optional(),
    kind: z.enum(APPLICANT_KINDS, { error: '用户类型不正确' }).optional(),
    waterType: z.enum(WATER_TYPES, { error: '报装类型不正确' }).optional(),
    channel: z.enum(CHANNELS, { error: '受理方式不正确' }).optional(),
    route: z.enum(ROUTES, { error: '办理路径不正确' }).optional(),
    figure: z.enum(REPORT_FIGURES, { error: '指标不正确' }).optional(),
  })
  .strict()
  .transform(withWindow)
  .refine((q) => q.from <= q.to, { error: '开始日期不能晚于结束日期', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 3 * DAY_MS, { error: '查询期间最长三年', path: ['from'] });

export type ReportRowsQueryInput = z.output<typeof reportRowsQuerySchema>;

const limit = (label: string, max: number, integer: boolean) => {
  const base = z
    .number({ error: `${label}应为数字` })
    .min(0, { error: `${label}不能小于0` })
    .max(max, { error: `${label}不能大于${max}` });
  return (integer ? base.int({ error: `${label}应为整数` }) : base).nullable();
};

const targetRowSchema = z
  .object({
    kind: z.enum(APPLICANT_KINDS, { error: '用户类型不正确' }),
    route: z.enum(ROUTES, { error: '办理路径不正确' }),
    maxSteps: limit('环节数目标', 20, true),
    maxWorkdays: limit('总时间目标', 365, false),
    maxUtilityWorkdays: limit('供水单位用时目标', 365, false),
    maxCost: limit('费用目标', 100_000_000, false),
    maxDocuments: limit('申请材料目标', 20, true),
    maxVisits: limit('到柜台次数目标', 20, true),
  })
  .strict();

/** PUT /api/report/targets: every (kind, route) row at once. */
export const reportTargetsSchema = z
  .object({
    targets: z
      .array(targetRowSchema)
      .min(1, { error: '请填写目标' })
      .max(APPLICANT_KINDS.length * ROUTES.length),
  })
  .strict()
  .refine((b) => new Set(b.targets.map((r) => `${r.kind}.${r.route}`)).size === b.targets.length, {
    error: '同一用户类型和办理路径只能有一行',
    path: ['targets'],
  });

export type ReportTargetsInput = z.output<typeof reportTargetsSchema>;

/**
 * Used where no row is stored (and seeded by migration 0018). The 快速通道 rows hold the routes to
 * the 获得用水 promise for small connections (a resident: ≤ 4 working days; the steps are the
 * route's own: 申请受理, 现场勘察, 验收通水 for a resident); the standard route's rows are looser, so
 * a standard application is judged against what its route can reach. Administrators change them.
 */
export const DEFAULT_REPORT_TARGETS: Record<ApplicantKind, Record<Route, ReportTargetValues>> = {
  resident: {
    standard: { maxSteps: 4, maxWorkdays: 10, maxUtilityWorkdays: 7, maxCost: null, maxDocuments: 2, maxVisits: 1 },
    fast: { maxSteps: 3, maxWorkdays: 4, maxUtilityWorkdays: 3, maxCost: null, maxDocuments: 2, maxVisits: 1 },
  },
  enterprise: {
    standard: { maxSteps: 6, maxWorkdays: 30, maxUtilityWorkdays: 20, maxCost: null, maxDocuments: 3, maxVisits: 2 },
    fast: { maxSteps: 5, maxWorkdays: 15, maxUtilityWorkdays: 10, maxCost: null, maxDocuments: 3, maxVisits: 1 },
  },
};
