import { Op, type Transaction } from 'sequelize';
import { STATES, getFlow, transition, type Actor, type EffectName } from '@wc/shared';
import type { AuthUser } from '../../context';
import { AppError, NotFoundError } from '../../errors';
import { deniedAsNotFound } from '../accessDenials';
import { selectModels } from '../../db/selectRows';
import { updateRows } from '../../db/writeRows';
import { Application, Attachment, Contract } from '../../models';
import { applicationPolicy } from '../../policies/application';
import { contractStages, stepConfigs } from '../settings';
import { actionPayload, ensureContract, saveActionInput, type ActionInputData } from './actionData';
import { loadFacts } from './facts';
import { chainEntry, insertHistory, type AppendedEntry } from './history';
import { applicantNotification, queueMessages, staffWork, type QueuedMessage } from './outbox';
import { routeStep } from './routing';

export interface PerformAction {
  applicationId: number;
  action: string;
  actor: AuthUser;
  input: ActionInputData;
  now?: Date;
}

export interface PerformedAction {
  application: Application;
  history: AppendedEntry;
}

function asActor(user: AuthUser): Actor {
  return { userId: user.id, kind: user.kind, roles: user.roles };
}

/** The application columns an action's effects change. */
async function applyEffects(
  app: Application,
  effects: readonly EffectName[],
  input: ActionInputData,
  now: Date,
  t: Transaction,
): Promise<Partial<Application>> {
  const changes: Partial<Application> = {};
  for (const effect of effects) {
    switch (effect) {
      case 'startContractStages': {
        const contract = await ensureContract(app, now, t);
        await contract.update({ stages: await contractStages(t), submittedAt: now }, { transaction: t });
        changes.contractStage = 1;
        break;
      }
      case 'nextContractStage':
        changes.contractStage = (app.contractStage ?? 0) + 1;
        break;
      case 'markVisaOrChange':
        changes.hadVisaOrChange = true;
        break;
      case 'markUnpaidApproved':
        changes.unpaidApproved = true;
        break;
      case 'markPaid':
        changes.paid = true;
        changes.payment = {
          amount: input.amount ?? 0,
          paidOn: input.paidOn ?? '',
          ...(input.receiptNo ? { receiptNo: input.receiptNo } : {}),
        };
        break;
      case 'setOwnerApproved':
      case 'setOwnerRejected':
        await Contract.update(
          { ownerStatus: effect === 'setOwnerApproved' ? 'approved' : 'rejected' },
          { where: { applicationId: app.id }, transaction: t },
        );
        break;
      case 'setAssignees':
        changes.assignees = { ...app.assignees, ...(input.assignees ?? {}) };
        break;
    }
  }
  return changes;
}

/** Figures an action enters onto the application itself. */
function enteredFigures(action: string, input: ActionInputData): Partial<Application> {
  if (action === 'submit_design' && input.budgetTotal !== undefined) {
    return { budgetTotal: input.budgetTotal };
  }
  if (action === 'submit_settlement' && input.finalAmount !== undefined) {
    return { finalAmount: input.finalAmount };
  }
  return {};
}

/**
 * Every action reads its application (hand-written, db/selectRows.ts) and, on MariaDB, locks it
 * until it commits: a second action on the same application waits at this read and then decides
 * on what the first one wrote — refused at once if it no longer applies — instead of deciding on a
 * stale copy and failing at the version check after all its work (with many people on a few
 * applications that wasted work halved the successful actions: bench P4). The version check stays:
 * it orders actions on SQLite, which has one writer at a time, and it is the last line of defence.
 */
function lockClause(): string {
  return Application.sequelize!.getDialect() === 'mysql' ? ' FOR UPDATE' : '';
}

/**
 * The one transition command. In the caller's transaction it loads the application, writes the
 * action's data, asks the pure shared workflow what the action does, and then writes the new state
 * (conditional on the version it read), one history entry, the links of the files the action took
 * and the notifications. Any refusal throws, and the transaction leaves nothing behind.
 */
export async function performAction(params: PerformAction, t: Transaction): Promise<PerformedAction> {
  const now = params.now ?? new Date();
  const { actor, input, action } = params;
  const [app] = await selectModels(Application, `WHERE id = ?${lockClause()}`, [params.applicationId], t);
  if (!app) {
    throw new NotFoundError('未找到该报装申请');
  }
  if (!applicationPolicy.read(actor, app)) {
    throw deniedAsNotFound(actor, 'application', params.applicationId, '未找到该报装申请');
  }
  if (input.version !== undefined && input.version !== app.version) {
    throw new AppError('STATE_CONFLICT');
  }
  const flow = getFlow(app.flow, app.workflowVersion);
  const version = app.version;

  await saveActionInput(app, action, input, now, t);
  const facts = await loadFacts(app, t);
  const result = transition(flow, facts, action, asActor(actor), { comment: input.comment });
  if (!result.ok) {
    throw new AppError(result.refusal.code, result.refusal.message);
  }
  const payload = await actionPayload(app, action, input, t);
  const changes: Partial<Application> = {
    ...(await applyEffects(app, result.effects, input, now, t)),
    ...enteredFigures(action, input),
  };
  if (action === 'save_dispatch_sheet' || action === 'start_construction') {
    changes.dispatchSheet = app.dispatchSheet;
  }
  if (action === 'submit_settlement' && input.finalAmount !== undefined) {
    await Contract.update({ settlementAmount: input.finalAmount }, { where: { applicationId: app.id }, transaction: t });
  }

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
    const contract = result.to === 'contract_review' ? await Contract.findOne({ where: { applicationId: app.id }, transaction: t }) : null;
    routing = routeStep(
      { assignees: changes.assignees ?? app.assignees, applicantUserId: app.applicantUserId },
      result.to,
      now,
      await stepConfigs(app.flow, t),
      contract && stage ? (contract.stages[stage - 1] ?? null) : null,
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

  const taken = result.action.takes ?? [];
  const takenFiles = taken.length
    ? await Attachment.findAll({
        attributes: ['id'],
        where: { applicationId: app.id, historyId: null, supersededById: null, category: { [Op.in]: [...taken] } },
        transaction: t,
      })
    : [];
  const chained = chainEntry(
    {
      applicationId: app.id,
      action: result.action.key,
      actionLabel: result.action.label,
      fromState: result.from,
      toState: result.to,
      actorUserId: actor.id,
      actorRole: result.actingRole,
      actorName: actor.displayName,
      comment: input.comment?.trim() || null,
      attachmentIds: takenFiles.map((a) => a.id),
      payload: { ...payload, ...(app.contractStage && result.from === 'contract_review' ? { contractStage: app.contractStage } : {}) },
      stepStartedAt: app.stateEnteredAt,
      at: now,
      clock: fromDef.clock,
      newStep: result.newStep,
    },
    app,
  );
  Object.assign(changes, chained.head);

  // The version check makes two concurrent actions on one application exclusive: the second
  // one's UPDATE matches no row and it is refused, having changed nothing. Every action writes it:
  // hand-written (db/writeRows.ts).
  const updated = await updateRows(Application, { ...changes, version: version + 1, updatedAt: new Date() }, { id: app.id, version }, t);
  if (updated !== 1) {
    throw new AppError('STATE_CONFLICT');
  }
  if (result.to === 'contract_drafting') {
    await ensureContract(app, now, t);
  }
  const history = await insertHistory(chained, t);
  if (takenFiles.length) {
    await Attachment.update(
      { historyId: history.id },
      { where: { id: { [Op.in]: takenFiles.map((a) => a.id) }, historyId: null }, transaction: t },
    );
  }

  // The row now holds exactly what the instance read plus these changes: no need to read it back.
  app.set({ ...changes, version: version + 1 });
  const stateLabel = STATES[result.to].label;
  const messages: QueuedMessage[] = [];
  if (result.action.notify) {
    messages.push(
      applicantNotification(app, result.action.notify, { historyId: history.id, comment: input.comment ?? null, stateLabel, at: now }),
    );
  }
  if (routing && !STATES[result.to].terminal && routing.currentRole !== 'applicant') {
    messages.push(
      staffWork(app, { stateLabel, role: routing.currentRole, assigneeId: routing.currentAssigneeId, historyId: history.id, at: now }),
    );
  }
  await queueMessages(messages, t);
  return { application: app, history };
}
