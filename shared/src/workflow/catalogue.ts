import type { AttachmentCategory } from '../attachments';
import type { ActionInputName } from './inputs';

/**
 * The form a client shows for an action. Clients choose their form by this hint, never by the
 * action's name: a new action with an existing hint needs no client change.
 */
export type FormHint =
  /** Comment only (files, where the action takes any, come from `uploads`). */
  | 'comment'
  /** Correct the application form, then resubmit it. */
  | 'correctForm'
  /** Confirm the next steps' assignees (派工). */
  | 'assignees'
  | 'survey'
  /** Survey and budget in one visit (快速通道): the survey's summary and the budget total. */
  | 'surveyBudget'
  | 'design'
  /** Look at a set of files and decide on them (confirm or reject); see `decision`. */
  | 'decision'
  | 'contractForm'
  | 'payment'
  | 'dispatchSheet'
  | 'designChange'
  | 'acceptance'
  | 'handover'
  | 'settlement'
  /** A resident's water meter (登记水表). */
  | 'meter';

/** Values an action saves beyond its history entry (the server applies each by name). */
export type SavedValue = 'assignees' | 'contract' | 'dispatchSheet' | 'budgetTotal' | 'finalAmount' | 'payment' | 'meter';

/** Input fields an action copies into its history entry's payload. */
export type RecordedField =
  | 'assignees'
  | 'summary'
  | 'budgetTotal'
  | 'amount'
  | 'paidOn'
  | 'receiptNo'
  | 'acceptedOn'
  | 'handedOverOn'
  | 'receiver'
  | 'finalAmount'
  | 'meter';

/**
 * What a decision is about. Its history entry names the exact version (id, SHA-256) of each file;
 * the first file is the one the request must name (`claim`): a newer version uploaded since refuses it.
 */
export interface DecisionDef {
  /** `budget`: the fast route's budget, made at the survey (no construction drawing). */
  subject: 'design' | 'change' | 'budget';
  files: readonly AttachmentCategory[];
  claim: 'budgetAttachmentId' | 'changeAttachmentId';
  confirms: boolean;
}

/** Points in the history that pages look for (prints, the contract card); named here, not by action. */
export type Milestone =
  | 'surveyed'
  | 'dispatched'
  | 'designSubmitted'
  | 'designConfirmed'
  | 'designRejected'
  | 'contractSubmitted'
  | 'stageApproved'
  | 'stageRejected'
  | 'dispatchSheetSaved';

/** What an action is, whichever flow it appears in; where it leads and who takes it is the flow's part. */
export interface ActionBehaviour {
  label: string;
  form: FormHint;
  /**
   * The body's schema, by name (inputs.ts): the schemas stay out of this module, so that pages
   * that only show a flow's steps do not carry the validation library.
   */
  input?: ActionInputName;
  saves?: readonly SavedValue[];
  records?: readonly RecordedField[];
  /** The saved contract's fields go into the history entry. */
  recordsContract?: boolean;
  /** The saved dispatch sheet goes into the history entry. */
  recordsSheet?: boolean;
  decision?: DecisionDef;
  /**
   * The utility's own handling: never shown in the applicant's 报装记录, and nothing of it (its
   * comment above all) is pushed to them.
   */
  internal?: boolean;
  milestone?: Milestone;
  /** A line the form shows before the action is taken. */
  notice?: { tone: 'info' | 'warning'; text: string };
  /**
   * Returning, refusing or rejecting: the form asks a reason category (原因类别, the list the
   * administrator keeps) besides the comment, and the history entry records it for the dashboard.
   */
  reason?: boolean;
}

const DESIGN_FILES = ['budget', 'construction_drawing', 'construction_drawing_pdf'] as const;
const CHANGE_FILES = ['design_change', 'change_budget'] as const;
/** The fast route's budget decision: the budget made at the survey, with the survey's sketch. */
const BUDGET_FILES = ['budget', 'scheme_sketch'] as const;

/** Every workflow action. The keys are the actions' names in URLs and in the history. */
export const ACTIONS = {
  approve: { label: '审核通过', form: 'comment' },
  return: { label: '退回', form: 'comment', reason: true },
  resubmit: { label: '重新提交', form: 'correctForm' },
  withdraw: {
    label: '撤销申请',
    form: 'comment',
    notice: { tone: 'warning', text: '撤销后申请将不再办理，且不能恢复。如需用水可重新申请。' },
  },
  dispatch: {
    label: '确认派工',
    form: 'assignees',
    input: 'dispatch',
    saves: ['assignees'],
    records: ['assignees'],
    milestone: 'dispatched',
  },
  reject_dispatch: { label: '不通过', form: 'comment', reason: true },
  submit_survey: { label: '提交勘察方案', form: 'survey', input: 'survey', records: ['summary'], milestone: 'surveyed' },
  submit_survey_budget: {
    label: '提交勘察方案及预算',
    form: 'surveyBudget',
    input: 'surveyBudget',
    saves: ['budgetTotal'],
    records: ['summary', 'budgetTotal'],
    milestone: 'surveyed',
  },
  confirm_budget: {
    label: '确认勘察方案和预算',
    form: 'decision',
    input: 'designDecision',
    decision: { subject: 'budget', files: BUDGET_FILES, claim: 'budgetAttachmentId', confirms: true },
  },
  reject_budget: {
    label: '不同意预算',
    form: 'decision',
    input: 'designDecision',
    decision: { subject: 'budget', files: BUDGET_FILES, claim: 'budgetAttachmentId', confirms: false },
    reason: true,
  },
  submit_design: {
    label: '提交施工图和预算',
    form: 'design',
    input: 'design',
    saves: ['budgetTotal'],
    records: ['budgetTotal'],
    milestone: 'designSubmitted',
  },
  confirm_design: {
    label: '确认施工图和预算',
    form: 'decision',
    input: 'designDecision',
    decision: { subject: 'design', files: DESIGN_FILES, claim: 'budgetAttachmentId', confirms: true },
    milestone: 'designConfirmed',
  },
  reject_design: {
    label: '不同意预算',
    form: 'decision',
    input: 'designDecision',
    decision: { subject: 'design', files: DESIGN_FILES, claim: 'budgetAttachmentId', confirms: false },
    milestone: 'designRejected',
    reason: true,
  },
  save_contract: {
    label: '保存合同信息',
    form: 'contractForm',
    input: 'contract',
    saves: ['contract'],
    recordsContract: true,
    internal: true,
  },
  submit_contract: {
    label: '提交合同审批',
    form: 'contractForm',
    input: 'contract',
    saves: ['contract'],
    recordsContract: true,
    milestone: 'contractSubmitted',
  },
  approve_stage: { label: '审批通过', form: 'comment', internal: true, milestone: 'stageApproved' },
  reject_stage: { label: '审批驳回', form: 'comment', internal: true, milestone: 'stageRejected', reason: true },
  owner_approve: {
    label: '登记业主已审批通过',
    form: 'comment',
    internal: true,
    notice: { tone: 'info', text: '登记业主方已审批通过本合同。' },
  },
  owner_reject: {
    label: '登记业主审批未通过',
    form: 'comment',
    internal: true,
    notice: { tone: 'warning', text: '登记业主方审批未通过：进入下一审批环节前将终止合同流程。' },
  },
  revise_contract: { label: '修改合同', form: 'comment', internal: true },
  terminate_contract: { label: '终止合同', form: 'comment' },
  upload_signed_contract: { label: '上传双方签字合同', form: 'comment' },
  record_payment: {
    label: '登记已缴费',
    form: 'payment',
    input: 'payment',
    saves: ['payment'],
    records: ['amount', 'paidOn', 'receiptNo'],
  },
  request_leader_approval: { label: '未缴费，申请领导同意先施工', form: 'comment', internal: true },
  leader_approve: {
    label: '领导同意先施工',
    form: 'comment',
    internal: true,
    notice: { tone: 'warning', text: '同意后将标记为「未缴费，经领导同意先施工」，缴费由线下跟踪。' },
  },
  leader_reject: { label: '领导不同意', form: 'comment', internal: true, reason: true },
  save_dispatch_sheet: {
    label: '保存派工单',
    form: 'dispatchSheet',
    input: 'dispatchSheet',
    saves: ['dispatchSheet'],
    recordsSheet: true,
    internal: true,
    milestone: 'dispatchSheetSaved',
  },
  start_construction: {
    label: '开始施工',
    form: 'dispatchSheet',
    input: 'startConstruction',
    saves: ['dispatchSheet'],
    recordsSheet: true,
    milestone: 'dispatchSheetSaved',
  },
  entry_photos: { label: '上传进场照片', form: 'comment' },
  completion_photos: { label: '上传完工照片', form: 'comment' },
  water_on_photos: { label: '上传通水照片', form: 'comment' },
  field_visa: { label: '现场签证', form: 'comment' },
  record_meter: { label: '登记水表', form: 'meter', input: 'meter', saves: ['meter'], records: ['meter'] },
  design_change: { label: '设计变更', form: 'designChange', input: 'designChange', records: ['budgetTotal'] },
  confirm_change: {
    label: '确认设计变更',
    form: 'decision',
    input: 'changeDecision',
    decision: { subject: 'change', files: CHANGE_FILES, claim: 'changeAttachmentId', confirms: true },
  },
  reject_change: {
    label: '不同意设计变更',
    form: 'decision',
    input: 'changeDecision',
    decision: { subject: 'change', files: CHANGE_FILES, claim: 'changeAttachmentId', confirms: false },
    reason: true,
  },
  submit_construction: { label: '施工完成，提交验收', form: 'comment' },
  submit_acceptance: { label: '提交验收', form: 'acceptance', input: 'acceptance', records: ['acceptedOn', 'summary'] },
  submit_handover: {
    label: '提交移交',
    form: 'handover',
    input: 'handover',
    records: ['handedOverOn', 'receiver', 'summary'],
  },
  submit_as_built: { label: '上传竣工图', form: 'comment' },
  skip_as_built: { label: '无变更，跳过竣工图', form: 'comment' },
  submit_settlement: {
    label: '提交竣工决算',
    form: 'settlement',
    input: 'settlement',
    saves: ['finalAmount'],
    records: ['finalAmount'],
  },
} as const satisfies Record<string, ActionBehaviour>;

/** The name of a workflow action: renaming one fails to compile wherever it is used. */
export type ActionKey = keyof typeof ACTIONS;

const ACTION_KEYS = new Set<string>(Object.keys(ACTIONS));

export function isActionKey(value: string): value is ActionKey {
  return ACTION_KEYS.has(value);
}

/** An action's behaviour, widened to the interface (optional parts read as absent, not as errors). */
export function behaviourOf(key: ActionKey): ActionBehaviour {
  return ACTIONS[key];
}
