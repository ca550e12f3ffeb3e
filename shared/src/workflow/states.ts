import type { StateDef, StateKey } from './types';

/** Every state of both flows, with its Chinese label, clock and handlers. */
export const STATES: Record<StateKey, StateDef> = {
  submitted: {
    key: 'submitted',
    label: '待审核',
    clock: 'utility',
    handlers: ['reviewer'],
    customerLabel: '申请已提交，等待审核',
  },
  returned: {
    key: 'returned',
    label: '已退回',
    clock: 'customer',
    handlers: ['applicant', 'window_clerk'],
    customerLabel: '申请被退回，请修改后重新提交',
  },
  dispatching: {
    key: 'dispatching',
    label: '待派工',
    clock: 'utility',
    handlers: ['tech_head'],
    customerLabel: '已受理，等待技术部门派工',
  },
  surveying: {
    key: 'surveying',
    label: '现场勘察',
    clock: 'utility',
    handlers: ['surveyor'],
    customerLabel: '现场勘察，确定接水方案',
  },
  designing: {
    key: 'designing',
    label: '设计预算',
    clock: 'utility',
    handlers: ['designer', 'budgeter'],
    customerLabel: '施工图设计与预算编制中',
  },
  confirming: {
    key: 'confirming',
    label: '待用户确认',
    clock: 'customer',
    handlers: ['applicant', 'window_clerk'],
    customerLabel: '请查看施工图和预算并确认',
  },
  contract_drafting: {
    key: 'contract_drafting',
    label: '合同起草',
    clock: 'utility',
    handlers: ['contract_clerk'],
    customerLabel: '合同起草中',
  },
  contract_review: {
    key: 'contract_review',
    label: '合同审批',
    clock: 'utility',
    handlers: ['contract_stage_role', 'contract_clerk'],
    customerLabel: '合同审批中',
  },
  contract_rejected: {
    key: 'contract_rejected',
    label: '合同审批未通过',
    clock: 'utility',
    handlers: ['contract_clerk', 'applicant'],
    customerLabel: '合同审批未通过，等待修改或终止',
  },
  contract_signing: {
    key: 'contract_signing',
    label: '待上传签字合同',
    clock: 'customer',
    handlers: ['contract_clerk'],
    customerLabel: '合同已审批，等待双方签字',
    chase: true,
  },
  payment: {
    key: 'payment',
    label: '缴费',
    clock: 'customer',
    handlers: ['cashier'],
    customerLabel: '请按通知缴纳费用',
    chase: true,
    awaitsPayment: true,
  },
  leader_approval: {
    key: 'leader_approval',
    label: '待领导审批',
    clock: 'utility',
    handlers: ['leader'],
    customerLabel: '未缴费先施工申请审批中',
    awaitsPayment: true,
  },
  dispatch_sheet: {
    key: 'dispatch_sheet',
    label: '派工单',
    clock: 'utility',
    handlers: ['tech_head', 'constructor'],
    customerLabel: '准备施工物料和水表',
  },
  construction: {
    key: 'construction',
    label: '施工',
    clock: 'utility',
    handlers: ['constructor'],
    customerLabel: '施工中',
  },
  change_confirming: {
    key: 'change_confirming',
    label: '待确认设计变更',
    clock: 'customer',
    handlers: ['applicant', 'window_clerk'],
    customerLabel: '请确认设计变更',
  },
  acceptance: {
    key: 'acceptance',
    label: '验收',
    clock: 'utility',
    handlers: ['acceptor'],
    customerLabel: '已通水，等待验收',
  },
  handover: {
    key: 'handover',
    label: '移交',
    clock: 'utility',
    handlers: ['acceptor'],
    customerLabel: '验收完成，办理移交',
  },
  as_built: {
    key: 'as_built',
    label: '竣工图',
    clock: 'utility',
    handlers: ['designer'],
    customerLabel: '竣工图整理中',
  },
  settlement: {
    key: 'settlement',
    label: '竣工决算',
    clock: 'utility',
    handlers: ['budgeter'],
    customerLabel: '竣工决算中',
  },
  completed: {
    key: 'completed',
    label: '已完成',
    clock: 'none',
    terminal: true,
    handlers: [],
    customerLabel: '报装已完成',
  },
  terminated: {
    key: 'terminated',
    label: '已终止',
    clock: 'none',
    terminal: true,
    handlers: [],
    customerLabel: '报装已终止',
  },
  withdrawn: {
    key: 'withdrawn',
    label: '已撤销',
    clock: 'none',
    terminal: true,
    handlers: [],
    customerLabel: '申请已撤销',
  },
};

export function stateLabel(state: StateKey): string {
  return STATES[state].label;
}

/**
 * Whether a step has a staff deadline (a threshold, a due time, red when passed): every step on the
 * utility's clock, and the customer-clock steps a staff member chases.
 */
export function hasStaffDeadline(state: StateKey): boolean {
  const def = STATES[state];
  return def.clock === 'utility' || def.chase === true;
}

/** Whether the customer is reminded while a step waits (every step on the customer's clock). */
export function remindsCustomer(state: StateKey): boolean {
  return STATES[state].clock === 'customer';
}
