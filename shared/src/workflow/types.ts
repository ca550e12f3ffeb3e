import type { AttachmentCategory, MaterialCategory } from '../attachments';
import type { ApplicantKind, Channel } from '../domain';
import type { ErrorCode } from '../errors';
import type { StaffRole } from '../roles';
import type { ActionBehaviour, ActionKey } from './catalogue';

/** A flow is chosen by the applicant's kind. */
export type FlowKey = ApplicantKind;

/**
 * The route an application takes through its flow: the standard one, or a shorter fast-track route
 * (快速通道) chosen by the utility's rules. Each route is its own published flow version.
 */
export const ROUTES = ['standard', 'fast'] as const;
export type Route = (typeof ROUTES)[number];

export const ROUTE_LABELS: Record<Route, string> = {
  standard: '标准流程',
  fast: '快速通道',
};

export const STATE_KEYS = [
  'submitted',
  'returned',
  'dispatching',
  'surveying',
  'designing',
  'confirming',
  'contract_drafting',
  'contract_review',
  'contract_rejected',
  'contract_signing',
  'payment',
  'leader_approval',
  'dispatch_sheet',
  'construction',
  'change_confirming',
  'acceptance',
  'handover',
  'as_built',
  'settlement',
  'completed',
  'terminated',
  'withdrawn',
] as const;

export type StateKey = (typeof STATE_KEYS)[number];

/** Whose time a state spends: the utility's own (can turn red) or the customer's (counted apart). */
export type Clock = 'utility' | 'customer' | 'none';

/** Who handles a state: staff roles, the applicant, or the role bound to the current contract stage. */
export type Handler = StaffRole | 'applicant' | 'contract_stage_role';

export interface StateDef {
  key: StateKey;
  label: string;
  clock: Clock;
  terminal?: boolean;
  /** Roles whose worklist shows the state; the first one is the default assignee's role. */
  handlers: readonly Handler[];
  /** What the applicant is told is happening (customer-facing wording). */
  customerLabel: string;
  /**
   * A step on the customer's clock that a staff member must chase (缴费: the cashier; 待上传签字合同:
   * the contract clerk): it gets a threshold, turns red for its handler and enters their overdue list,
   * while its time still counts on the customer's clock.
   */
  chase?: boolean;
  /** The customer owes the amount due here (缴费, and 待领导审批 while still unpaid): how to pay is shown. */
  awaitsPayment?: boolean;
}

/** Named conditions: guards refuse an action; outcome conditions pick its target. */
export type ConditionName =
  | 'ownerRejected'
  | 'ownerApproved'
  | 'lastContractStage'
  | 'contractComplete'
  | 'windowChannel'
  | 'residentFlow'
  | 'noVisaOrChange'
  | 'dispatchSheetComplete'
  | 'entryPhotosDone'
  | 'completionPhotosDone'
  | 'constructionPhotosDone'
  | 'materialsComplete'
  | 'meterRecorded';

/** Named side effects on the application, applied by the server in the same transaction. */
export type EffectName =
  'startContractStages' | 'nextContractStage' | 'markVisaOrChange' | 'markUnpaidApproved' | 'setOwnerApproved' | 'setOwnerRejected';

export interface Outcome {
  when?: ConditionName;
  /** Only when the action is taken from this state. */
  from?: StateKey;
  /** `stay` keeps the current state (a record, or the next contract stage). */
  to: StateKey | 'stay';
}

/** Who may take an action: staff roles, the applicant who owns the application, or the stage's role. */
export type RoleRule = StaffRole | 'applicant' | 'contract_stage_role';

/** Events that become notifications (进度推送); the text lives in notifications.ts. */
export type NotificationEvent =
  | 'submitted'
  | 'accepted'
  | 'returned'
  | 'dispatched'
  | 'scheme_ready'
  | 'budget_to_confirm'
  | 'design_confirmed'
  | 'contract_submitted'
  | 'contract_rejected'
  | 'contract_signed'
  | 'payment_due'
  | 'payment_recorded'
  | 'unpaid_approved'
  | 'construction_started'
  | 'change_to_confirm'
  | 'water_on'
  | 'accepted_check'
  | 'handed_over'
  | 'completed'
  | 'terminated'
  | 'withdrawn'
  /** Sent by the reminder scanner, not by an action: a customer-clock step has waited past a reminder threshold. */
  | 'reminder';

/** Where an action leads in one flow, who may take it and what it needs first. */
export interface ActionRouting {
  from: readonly StateKey[];
  roles: readonly RoleRule[];
  /** Outcomes are tried in order; the first whose condition holds (or that has none) wins. */
  to: readonly Outcome[];
  /** A record stays in its state and does not restart the step's clock (a visa, an owner decision). */
  record?: boolean;
  guards?: readonly ConditionName[];
  /** Attachments that must have been uploaded for this action (not yet taken by an earlier action). */
  requiresNew?: readonly AttachmentCategory[];
  /** Attachments that must exist (current version), uploaded now or earlier. */
  requiresCurrent?: readonly AttachmentCategory[];
  /** Uploaded, not yet taken attachments of these categories are linked to this action's history entry. */
  takes?: readonly AttachmentCategory[];
  commentRequired?: boolean;
  effects?: readonly EffectName[];
  notify?: NotificationEvent;
  /** Shown as a secondary/danger button. */
  tone?: 'primary' | 'default' | 'danger';
}

/** An action as a flow has it: its behaviour (catalogue.ts) and its routing in this flow. */
export interface ActionDef extends ActionRouting, ActionBehaviour {
  key: ActionKey;
}

export interface FlowDef {
  key: FlowKey;
  label: string;
  version: number;
  route: Route;
  /** The main path, in order, for the step map. */
  steps: readonly StateKey[];
  /** The steps whose people the dispatch sheet (派工单) names: the sheet's own step onwards. */
  sheetSteps: readonly StateKey[];
  /** The step entered when water flows (the customer's 已通水): where 预计通水日期 counts to. */
  waterOnStep: StateKey;
  states: Partial<Record<StateKey, StateDef>>;
  actions: readonly ActionDef[];
}

export type OwnerStatus = 'pending' | 'approved' | 'rejected';

/** Everything the pure transition needs to know about an application; built by the server. */
export interface WorkflowFacts {
  flow: FlowKey;
  state: StateKey;
  channel: Channel;
  applicantUserId: number | null;
  /** Categories uploaded and not yet taken by an action. */
  newAttachments: readonly AttachmentCategory[];
  /** Categories that have a current version (taken or not). */
  currentAttachments: readonly AttachmentCategory[];
  contract: {
    complete: boolean;
    ownerStatus: OwnerStatus;
    /** 1-based current approval stage while in contract_review. */
    stage: number;
    stageRoles: readonly StaffRole[];
  } | null;
  dispatchSheetComplete: boolean;
  hadVisaOrChange: boolean;
  /** Required 申请材料 (申请材料设置) with no file yet; absent where nobody loaded them (none missing). */
  missingMaterials?: readonly MaterialCategory[];
  /** A resident's meter was recorded (登记水表); absent where nobody loaded it (none). */
  meterRecorded?: boolean;
}

export interface Actor {
  userId: number;
  kind: 'staff' | 'applicant';
  roles: readonly StaffRole[];
}

export interface Refusal {
  code: Extract<ErrorCode, 'ACTION_NOT_ALLOWED' | 'FORBIDDEN' | 'GUARD_FAILED' | 'VALIDATION_FAILED'>;
  message: string;
}

export interface TransitionResult {
  ok: true;
  action: ActionDef;
  from: StateKey;
  to: StateKey;
  /** False for records: the step goes on, its clock keeps running. */
  newStep: boolean;
  effects: readonly EffectName[];
  /** The role the actor acted in, for the history (报装记录). */
  actingRole: RoleRule;
}

export type TransitionOutcome = TransitionResult | { ok: false; refusal: Refusal };
