import type { Transaction } from 'sequelize';
import {
  APPLICANT_KINDS,
  APPLICANT_KIND_LABELS,
  DEFAULT_REPORT_TARGETS,
  ROUTES,
  ROUTE_LABELS,
  type ApplicantKind,
  type ReportTargetValues,
  type ReportTargetView,
  type ReportTargetsInput,
  type Route,
} from '@wc/shared';
import type { AuthUser } from '../../context';
import { ReportTarget } from '../../models';
import { recordAudit } from '../audit';

export type TargetTable = Record<ApplicantKind, Record<Route, ReportTargetValues>>;

/**
 * 获得用水目标, every (kind, route): the stored row, else the default. Read once per report, not per
 * request, so it does not go through the settings cache.
 */
export async function loadTargets(t?: Transaction): Promise<TargetTable> {
  const rows = await ReportTarget.findAll({ transaction: t });
  const table = structuredClone(DEFAULT_REPORT_TARGETS) as TargetTable;
  for (const row of rows) {
    if (table[row.kind]?.[row.route]) {
      table[row.kind][row.route] = {
        maxSteps: row.maxSteps,
        maxWorkdays: row.maxWorkdays,
        maxUtilityWorkdays: row.maxUtilityWorkdays,
        maxCost: row.maxCost,
        maxDocuments: row.maxDocuments,
        maxVisits: row.maxVisits,
      };
    }
  }
  return table;
}

export function targetViews(table: TargetTable): ReportTargetView[] {
  return APPLICANT_KINDS.flatMap((kind) =>
    ROUTES.map((route) => ({
      kind,
      kindLabel: APPLICANT_KIND_LABELS[kind],
      route,
      routeLabel: ROUTE_LABELS[route],
      ...table[kind][route],
    })),
  );
}

/** Stores the given rows (others keep theirs) and audits old and new values, in the caller's transaction. */
export async function replaceTargets(actor: AuthUser, input: ReportTargetsInput, t: Transaction): Promise<void> {
  const before = await loadTargets(t);
  const now = new Date();
  for (const { kind, route, ...values } of input.targets) {
    const existing = await ReportTarget.findOne({ where: { kind, route }, transaction: t });
    if (existing) {
      await existing.update({ ...values, updatedByUserId: actor.id, updatedAt: now }, { transaction: t });
    } else {
      await ReportTarget.create({ kind, route, ...values, updatedByUserId: actor.id, updatedAt: now }, { transaction: t });
    }
  }
  await recordAudit(
    {
      actorUserId: actor.id,
      action: 'settings.report_targets',
      targetType: 'report_targets',
      data: { targets: input.targets, before: input.targets.map((r) => ({ kind: r.kind, route: r.route, ...before[r.kind][r.route] })) },
    },
    t,
    now,
  );
}
