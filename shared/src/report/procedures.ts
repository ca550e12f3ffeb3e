import { MATERIAL_CATEGORIES, type AttachmentCategory } from '../attachments';
import type { StaffRole } from '../roles';
import type { StateKey } from '../workflow/types';

/**
 * 获得用水 indicator definitions. Each figure is what the applicant lived through, not what the
 * utility did inside: the server and the admin read these maps and never name states themselves.
 */

/** The applicant's procedures (环节) of the 获得用水 indicator, in the order an applicant meets them. */
export const PROCEDURES = ['apply', 'survey', 'confirm', 'contract', 'payment', 'water_on'] as const;
export type Procedure = (typeof PROCEDURES)[number];

export const PROCEDURE_LABELS: Record<Procedure, string> = {
  apply: '申请受理',
  survey: '现场勘察',
  confirm: '确认方案及预算',
  contract: '签订合同',
  payment: '缴费',
  water_on: '验收通水',
};

/**
 * Which procedure a state belongs to. Only states where the applicant takes part are listed: the
 * utility's internal steps (派工, 设计, 合同起草和审批, 施工, 移交, 竣工图, 决算) are no procedure of
 * the applicant's. A procedure counts once however often the application passed its states (a return
 * and resubmission is still one 申请受理).
 */
export const STATE_PROCEDURE: Partial<Record<StateKey, Procedure>> = {
  submitted: 'apply',
  returned: 'apply',
  surveying: 'survey',
  confirming: 'confirm',
  change_confirming: 'confirm',
  contract_signing: 'contract',
  payment: 'payment',
  acceptance: 'water_on',
};

/**
 * The distinct procedures of the states an application's history passed through, in PROCEDURES
 * order. 申请受理 is always one: a window-entered application starts past 待审核, but its window
 * entry (the history's first entry) was its application.
 */
export function proceduresOf(states: Iterable<StateKey | null>): Procedure[] {
  const seen = new Set<Procedure>(['apply']);
  for (const state of states) {
    const procedure = state ? STATE_PROCEDURE[state] : undefined;
    if (procedure) {
      seen.add(procedure);
    }
  }
  return PROCEDURES.filter((p) => seen.has(p));
}

/**
 * 到柜台次数: each history entry taken as the window clerk is one visit of the applicant to the
 * counter — the window entry itself (窗口受理, the application's first entry) and every later action
 * a clerk took on the applicant's behalf (a resubmission, a confirmation signed at the counter).
 * An online application the applicant finished alone has none.
 */
export const COUNTER_ROLE: StaffRole = 'window_clerk';

/**
 * 申请人提供的材料: the distinct 申请材料 categories (营业执照, 身份证, 产权证明, 申请表) an application
 * has a file of, plus any other category of file the applicant uploaded themselves (e.g. a signed
 * contract sent from the phone). Files the utility's staff produce (photos, drawings, budgets) are
 * not the applicant's paperwork; a category counts once however many pages or versions it has.
 */
export function isApplicantDocument(category: AttachmentCategory, uploadedByApplicant: boolean): boolean {
  return uploadedByApplicant || (MATERIAL_CATEGORIES as readonly string[]).includes(category);
}

/**
 * Nearest-rank percentile (the dashboard's rule): the value at rank ⌈percent·n/100⌉ of the sorted
 * values. Integer percent keeps the rank exact (0.9 × 30 is 27.000000000000004 in floating point).
 */
export function nearestRank(sorted: readonly number[], percent: number): number | null {
  if (sorted.length === 0) {
    return null;
  }
  const rank = Math.max(1, Math.ceil((percent * sorted.length) / 100));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}
