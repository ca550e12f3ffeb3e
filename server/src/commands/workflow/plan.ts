import type { InferAttributes } from 'sequelize';
import {
  ATTACHMENT_CATEGORIES,
  STATES,
  amountDue,
  getFlow,
  transition,
  type ActionKey,
  type ContractFields,
  type DecisionDef,
  type EffectName,
  type StateKey,
  type TransitionResult,
} from '@wc/shared';
import type { AuthUser } from '../../context';
import { AppError, fieldError } from '../../errors';
import type { Application, Contract } from '../../models';
import type { ActionInputData } from './actionInput';
import { factsOf, type CurrentFile } from './facts';
import { chainEntry, type ChainedEntry } from './history';
import type { LoadedApplication } from './load';
import { applicantNotification, staffWork, type QueuedMessage } from './outbox';
import { routeStep } from './routing';
import { chosenReason } from '../reasons';

type ApplicationValues = InferAttributes<Application>;
type ContractValues = Pick<
  InferAttributes<Contract>,
  'number' | 'name' | 'place' | 'partyA' | 'partyB' | 'amount' | 'settlementAmount' | 'ownerStatus' | 'stages' | 'submittedAt'
>;

export interface ActionRequest {
  action: ActionKey;
  actor: AuthUser;
  input: ActionInputData;
  now: Date;
}

/** What an action does, computed before anything is written. */
export interface ActionPlan {
  result: TransitionResult;
  /** The version the decision was made on: the update applies only while the row still has it. */
  version: number;
  /** The application's new values (its new version and history head included). */
  application: Partial<ApplicationValues>;
  /** New values of the existing contract. */
  contract: Partial<ContractValues> | null;
  /** A contract to create (drafting begins); its number is drawn when it is written. */
  newContract: Omit<ContractValues, 'number' | 'ownerStatus'> | null;
  history: ChainedEntry;
  /** The uploaded files this action takes (linked to its history entry). */
  takenFileIds: number[];
  /** Notifications; their history id is the entry's, once written. */
  messages: QueuedMessage[];
}

const CONTRACT_FIELDS = ['number', 'name', 'place', 'partyA', 'partyB', 'amount'] as const;

/** The given contract fields over the stored ones. */
function contractFields(stored: Contract | null, given: ContractFields | undefined): Partial<ContractValues> {
  const changes: Partial<ContractValues> = {};
  for (const field of CONTRACT_FIELDS) {
    const value = given?.[field];
    if (value !== undefined && value !== stored?.[field]) {
      Object.assign(changes, { [field]: value });
    }
  }
  return changes;
}

/** Assignees chosen at dispatch must be enabled staff holding the role that handles their step. */
function checkAssignees(assignees: Partial<Record<StateKey, number>>, roles: LoadedApplication['assigneeRoles']): void {
  for (const [state, userId] of Object.entries(assignees) as [StateKey, number][]) {
    const handler = STATES[state].handlers[0];
    if (!handler || handler === 'applicant' || handler === 'contract_stage_role') {
      throw fieldError(`assignees.${state}`, `「${STATES[state].label}」不能指定办理人`);
    }
    if (!roles.get(userId)?.includes(handler)) {
      throw fieldError(`assignees.${state}`, `所选人员不能办理「${STATES[state].label}」`);
    }
  }
}

/**
 * The exact file versions a decision is about (id and SHA-256 in its history entry). The first one
 * is the version the person looked at: a newer one uploaded since refuses the decision.
 */
function decidedFiles(decision: DecisionDef, files: readonly CurrentFile[], input: ActionInputData): Record<string, unknown> {
  const payload: Record<string, unknown> = { confirmed: decision.confirms };
  for (const [index, category] of decision.files.entries()) {
    const current = files.filter((f) => f.category === category).sort((a, b) => b.id - a.id)[0];
    if (!current) {
      throw new AppError('GUARD_FAILED', `尚未上传${ATTACHMENT_CATEGORIES[category].label}`);
    }
    if (index === 0 && input[decision.claim] !== current.id) {
      throw new AppError('STATE_CONFLICT', `${ATTACHMENT_CATEGORIES[category].label}已更新，请查看最新版本后再操作`);
    }
    payload[category] = { attachmentId: current.id, sha256: current.sha256, displayName: current.display_name };
  }
  return payload;
}

/** The application's flags and the contract's state that the action's named effects change. */
function effectChanges(
  effects: readonly EffectName[],
  loaded: LoadedApplication,
  now: Date,
): { application: Partial<ApplicationValues>; contract: Partial<ContractValues> } {
  const application: Partial<ApplicationValues> = {};
  const contract: Partial<ContractValues> = {};
  for (const effect of effects) {
    switch (effect) {
      case 'startContractStages':
        contract.stages = loaded.stageSettings ?? [];
        contract.submittedAt = now;
        application.contractStage = 1;
        break;
      case 'nextContractStage':
        application.contractStage = (loaded.app.contractStage ?? 0) + 1;
        break;
      case 'markVisaOrChange':
        application.hadVisaOrChange = true;
        break;
      case 'markUnpaidApproved':
        application.unpaidApproved = true;
        break;
      case 'setOwnerApproved':
        contract.ownerStatus = 'approved';
        break;
      case 'setOwnerRejected':
        contract.ownerStatus = 'rejected';
        break;
    }
  }
  return { application, contract };
}

/**
 * What taking an action would do, as a pure function of what was loaded: the shared workflow's
 * decision, every value to write, the history entry (chained to the application's head) and the
 * notifications. Any refusal throws; nothing has been written then.
 */
export function planAction(loaded: LoadedApplication, request: ActionRequest): ActionPlan {
  const { app, contract, files } = loaded;
  const { action, actor, input, now } = request;
  if (input.version !== undefined && input.version !== app.version) {
    throw new AppError('STATE_CONFLICT');
  }
  const flow = getFlow(app.flow, app.workflowVersion);
  const def = flow.actions.find((a) => a.key === action);
  const saves = new Set(def?.saves ?? []);

  // What the action saves that its guards must see: contract fields, the dispatch sheet, assignees.
  const givenContract = saves.has('contract') ? contractFields(contract, input.contract) : {};
  if (givenContract.number !== undefined && loaded.contractNumberTaken) {
    throw fieldError('contract.number', '合同编号已被其他合同使用');
  }
  if (saves.has('assignees') && input.assignees) {
    checkAssignees(input.assignees, loaded.assigneeRoles);
  }
  const sheet = saves.has('dispatchSheet') ? (input.sheet ?? app.dispatchSheet) : app.dispatchSheet;
  const contractAfterInput = contract ? { ...contract.get({ plain: true }), ...givenContract } : null;
  const meter = saves.has('meter') ? (input.meter ?? app.meter) : app.meter;
  const facts = factsOf({ ...app.get({ plain: true }), dispatchSheet: sheet, meter }, files, contractAfterInput, loaded.materials);

  const outcome = transition(flow, facts, action, { userId: actor.id, kind: actor.kind, roles: actor.roles }, { comment: input.comment });
  if (!outcome.ok) {
    throw new AppError(outcome.refusal.code, outcome.refusal.message);
  }
  const result = outcome;
  const taken = result.action;

  // The history entry's record: entered figures, saved data, the file versions decided on.
  const payload: Record<string, unknown> = {};
  for (const field of taken.records ?? []) {
    payload[field] = input[field] ?? (field === 'assignees' ? {} : null);
  }
  if (taken.recordsContract && contractAfterInput) {
    payload.contract = Object.fromEntries(CONTRACT_FIELDS.map((f) => [f, contractAfterInput[f]]));
  }
  if (taken.recordsSheet) {
    payload.sheet = sheet;
  }
  if (taken.decision) {
    Object.assign(payload, decidedFiles(taken.decision, files, input));
  }
  if (app.contractStage && result.from === 'contract_review') {
    payload.contractStage = app.contractStage;
  }
  // Returns and rejections name a 原因类别 that is enabled and offered for the action.
  const reason = taken.reason ? chosenReason(loaded.reasons ?? [], taken.key, input.reasonCategoryId) : null;
  if (reason) {
    payload.reason = reason;
  }

  const effects = effectChanges(result.effects, loaded, now);
  const changes: Partial<ApplicationValues> = { ...effects.application };
  const contractChanges: Partial<ContractValues> = { ...givenContract, ...effects.contract };
  if (saves.has('assignees')) {
    changes.assignees = { ...app.assignees, ...(input.assignees ?? {}) };
  }
  if (saves.has('dispatchSheet')) {
    changes.dispatchSheet = sheet;
  }
  if (saves.has('meter')) {
    changes.meter = meter;
  }
  if (saves.has('payment')) {
    changes.paid = true;
    changes.payment = { amount: input.amount ?? 0, paidOn: input.paidOn ?? '', ...(input.receiptNo ? { receiptNo: input.receiptNo } : {}) };
  }
  if (saves.has('budgetTotal') && input.budgetTotal !== undefined) {
    changes.budgetTotal = input.budgetTotal;
  }
  if (saves.has('finalAmount') && input.finalAmount !== undefined) {
    changes.finalAmount = input.finalAmount;
    contractChanges.settlementAmount = input.finalAmount;
  }

  // A new step: the old one's time goes to its clock, the new one gets its handler and due time.
  const fromDef = STATES[result.from];
  const stepMs = Math.max(0, now.getTime() - app.stateEnteredAt.getTime());
  let routing: ReturnType<typeof routeStep> | null = null;
  if (result.newStep) {
    if (fromDef.clock === 'utility') {
      changes.utilityMs = app.utilityMs + stepMs;
    } else if (fromDef.clock === 'customer') {
      changes.customerMs = app.customerMs + stepMs;
    }
    const stage = changes.contractStage ?? app.contractStage;
    const stages = contractChanges.stages ?? contract?.stages ?? [];
    routing = routeStep(
      { assignees: changes.assignees ?? app.assignees, applicantUserId: app.applicantUserId },
      result.to,
      now,
      loaded.steps,
      result.to === 'contract_review' && stage ? (stages[stage - 1] ?? null) : null,
      loaded.calendar,
    );
    Object.assign(changes, {
      state: result.to,
      stateEnteredAt: now,
      dueAt: routing.dueAt,
      currentRole: routing.currentRole,
      currentAssigneeId: routing.currentAssigneeId,
      completedAt: STATES[result.to].terminal ? now : null,
    });
    if (result.to !== 'contract_review') {
      changes.contractStage = null;
    }
  }

  const takes = new Set(taken.takes ?? []);
  const takenFileIds = files.filter((f) => f.history_id === null && takes.has(f.category)).map((f) => f.id);
  // The utility's internal comments never reach the applicant, in the timeline or in a push.
  const comment = input.comment?.trim() || null;
  const history = chainEntry(
    {
      applicationId: app.id,
      action: taken.key,
      actionLabel: taken.label,
      fromState: result.from,
      toState: result.to,
      actorUserId: actor.id,
      actorRole: result.actingRole,
      actorName: actor.displayName,
      comment,
      attachmentIds: takenFileIds,
      payload,
      stepStartedAt: app.stateEnteredAt,
      at: now,
      clock: fromDef.clock,
      newStep: result.newStep,
      reasonCategoryId: reason?.id ?? null,
    },
    app,
  );
  Object.assign(changes, history.head, { version: app.version + 1, updatedAt: now });

  const appAfter = { id: app.id, number: app.number, name: app.name, applicantUserId: app.applicantUserId };
  const stateLabel = STATES[result.to].label;
  const messages: QueuedMessage[] = [];
  if (taken.notify) {
    messages.push(
      applicantNotification(appAfter, taken.notify, {
        historyId: null,
        comment: taken.internal ? null : comment,
        stateLabel,
        at: now,
        sender: loaded.sender,
        // The payment notice carries the amount due (contract, else confirmed budget).
        amount: STATES[result.to].awaitsPayment
          ? amountDue({ contractAmount: contractAfterInput?.amount, budgetTotal: changes.budgetTotal ?? app.budgetTotal })
          : null,
      }),
    );
  }
  if (routing && !STATES[result.to].terminal && routing.currentRole !== 'applicant') {
    messages.push(
      staffWork(appAfter, { stateLabel, role: routing.currentRole, assigneeId: routing.currentAssigneeId, historyId: null, at: now }),
    );
  }

  const drafting = result.to === 'contract_drafting' && contract === null;
  return {
    result,
    version: app.version,
    application: changes,
    contract: contract && Object.keys(contractChanges).length > 0 ? contractChanges : null,
    newContract: drafting
      ? {
          name: `${app.name}供水工程合同`,
          place: app.waterAddress,
          partyA: app.name,
          partyB: null,
          amount: changes.budgetTotal ?? app.budgetTotal,
          settlementAmount: null,
          stages: [],
          submittedAt: null,
        }
      : null,
    history,
    takenFileIds,
    messages,
  };
}
