import { STATES } from './states';
import type { FlowKey, StateKey } from './types';

/** How a step's threshold counts time: natural hours, or working days (Chinese holidays and 调休 apply). */
export type ThresholdUnit = 'hours' | 'workdays';

export interface Threshold {
  value: number;
  unit: ThresholdUnit;
}

export const THRESHOLD_UNIT_LABELS: Record<ThresholdUnit, string> = {
  hours: '小时',
  workdays: '工作日',
};

/**
 * Seeded defaults per step of the utility's own clock, and of the customer-clock steps a staff member
 * chases (缴费, 待上传签字合同: `chase` in states.ts); the administrator changes them. Other
 * customer-clock steps (confirmation, 已退回…) have none: waiting on the customer alone never turns red.
 */
export const DEFAULT_THRESHOLDS: Record<FlowKey, Partial<Record<StateKey, Threshold>>> = {
  enterprise: {
    submitted: { value: 24, unit: 'hours' },
    dispatching: { value: 1, unit: 'workdays' },
    surveying: { value: 3, unit: 'workdays' },
    designing: { value: 5, unit: 'workdays' },
    contract_drafting: { value: 2, unit: 'workdays' },
    contract_review: { value: 1, unit: 'workdays' },
    contract_rejected: { value: 3, unit: 'workdays' },
    contract_signing: { value: 5, unit: 'workdays' },
    payment: { value: 5, unit: 'workdays' },
    leader_approval: { value: 24, unit: 'hours' },
    dispatch_sheet: { value: 2, unit: 'workdays' },
    construction: { value: 15, unit: 'workdays' },
    acceptance: { value: 3, unit: 'workdays' },
    handover: { value: 3, unit: 'workdays' },
    as_built: { value: 5, unit: 'workdays' },
    settlement: { value: 10, unit: 'workdays' },
  },
  resident: {
    submitted: { value: 24, unit: 'hours' },
    surveying: { value: 2, unit: 'workdays' },
    payment: { value: 5, unit: 'workdays' },
    leader_approval: { value: 24, unit: 'hours' },
    construction: { value: 5, unit: 'workdays' },
    acceptance: { value: 2, unit: 'workdays' },
    handover: { value: 2, unit: 'workdays' },
  },
};

/** At most this many reminders per step: more would be nagging, not reminding. */
export const MAX_REMINDERS = 5;

const THREE_AND_SEVEN: readonly Threshold[] = [
  { value: 3, unit: 'workdays' },
  { value: 7, unit: 'workdays' },
];

/**
 * Reminder thresholds per customer-clock step (催办提醒): each one, counted from when the step was
 * entered, sends the customer one reminder (3 working days, again at 7). Used where the administrator
 * has not set the step's reminders; an empty list set by the administrator means none.
 */
export const DEFAULT_REMINDERS: Record<FlowKey, Partial<Record<StateKey, readonly Threshold[]>>> = {
  enterprise: {
    returned: THREE_AND_SEVEN,
    confirming: THREE_AND_SEVEN,
    contract_signing: THREE_AND_SEVEN,
    payment: THREE_AND_SEVEN,
    change_confirming: THREE_AND_SEVEN,
  },
  resident: {
    returned: THREE_AND_SEVEN,
    payment: THREE_AND_SEVEN,
  },
};

/** Roughly in hours (a working day as 24), to keep a step's reminders in order. */
export function approximateHours(threshold: Threshold): number {
  return threshold.unit === 'hours' ? threshold.value : threshold.value * 24;
}

/**
 * The reminders a step sends: the administrator's (`stored`, `[]` for none), else the defaults;
 * none for a step not on the customer's clock.
 */
export function remindersOf(flow: FlowKey, state: StateKey, stored: readonly Threshold[] | null | undefined): readonly Threshold[] {
  if (STATES[state].clock !== 'customer') {
    return [];
  }
  return stored ?? DEFAULT_REMINDERS[flow][state] ?? [];
}

/** A threshold in words: `3个工作日`, `24小时`. */
export function describeThreshold(threshold: Threshold): string {
  return threshold.unit === 'workdays' ? `${threshold.value}个工作日` : `${threshold.value}小时`;
}

/** Seeded contract approval stages (合同审批): seven, each bound to a role; the administrator renames or rebinds them. */
export const DEFAULT_CONTRACT_STAGES = [
  { name: '业务部门审核', role: 'contract_approver' },
  { name: '技术部门审核', role: 'tech_head' },
  { name: '预算审核', role: 'budgeter' },
  { name: '财务审核', role: 'cashier' },
  { name: '法务审核', role: 'contract_approver' },
  { name: '分管领导审批', role: 'leader' },
  { name: '总经理审批', role: 'leader' },
] as const;
