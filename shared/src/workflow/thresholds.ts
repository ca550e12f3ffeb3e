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
 * Seeded defaults per step of the utility's own clock; the administrator changes them.
 * Customer-clock steps (confirmation, payment…) have no threshold: waiting on the customer never turns red.
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
    leader_approval: { value: 24, unit: 'hours' },
    construction: { value: 5, unit: 'workdays' },
    acceptance: { value: 2, unit: 'workdays' },
    handover: { value: 2, unit: 'workdays' },
  },
};

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
