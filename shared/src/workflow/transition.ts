import { ATTACHMENT_CATEGORIES, type AttachmentCategory } from '../attachments';
import type { Channel } from '../domain';
import type { ActionKey, DecisionDef, FormHint } from './catalogue';
import { CONDITIONS, guardMessage } from './conditions';
import { STATES } from './states';
import type { ActionDef, Actor, FlowDef, FlowKey, Refusal, RoleRule, StateKey, TransitionOutcome, WorkflowFacts } from './types';

/**
 * Where a new application starts: online ones wait for review; window ones were checked at the
 * window, so they start where the review would have sent them (given a flow version, its route's).
 */
export function initialState(flow: FlowKey | FlowDef, channel: Channel): StateKey {
  if (channel === 'online') {
    return 'submitted';
  }
  if (typeof flow !== 'string') {
    const afterReview = flow.actions.find((a) => a.key === 'approve')?.to[0]?.to;
    if (afterReview && afterReview !== 'stay') {
      return afterReview;
    }
    return initialState(flow.key, channel);
  }
  return flow === 'enterprise' ? 'dispatching' : 'surveying';
}

/** The role in which `actor` may take `action` on an application with `facts`, or null. */
export function actingRole(action: ActionDef, facts: WorkflowFacts, actor: Actor): RoleRule | null {
  for (const rule of action.roles) {
    if (rule === 'applicant') {
      if (actor.kind === 'applicant' && facts.applicantUserId !== null && actor.userId === facts.applicantUserId) {
        return rule;
      }
    } else if (rule === 'contract_stage_role') {
      const stageRole = facts.contract?.stageRoles[facts.contract.stage - 1];
      if (actor.kind === 'staff' && stageRole && actor.roles.includes(stageRole)) {
        return stageRole;
      }
    } else if (actor.kind === 'staff' && actor.roles.includes(rule)) {
      return rule;
    }
  }
  return null;
}

const refuse = (code: Refusal['code'], message: string): TransitionOutcome => ({ ok: false, refusal: { code, message } });

/** The first guard of `action` that does not hold, as a Chinese message, or null. */
export function guardProblem(action: ActionDef, facts: WorkflowFacts): string | null {
  for (const guard of action.guards ?? []) {
    if (!CONDITIONS[guard](facts)) {
      return guardMessage(guard, facts);
    }
  }
  return null;
}

/** The first required attachment that is missing, as a Chinese message, or null. */
export function attachmentProblem(action: ActionDef, facts: WorkflowFacts): string | null {
  for (const category of action.requiresCurrent ?? []) {
    if (!facts.currentAttachments.includes(category)) {
      return `请先上传${ATTACHMENT_CATEGORIES[category].label}`;
    }
  }
  for (const category of action.requiresNew ?? []) {
    if (!facts.newAttachments.includes(category)) {
      return `请先上传${ATTACHMENT_CATEGORIES[category].label}`;
    }
  }
  return null;
}

/**
 * The pure transition: what taking `actionKey` as `actor` would do to an application with `facts`.
 * It executes nothing; the server applies the result in one transaction.
 */
export function transition(
  flow: FlowDef,
  facts: WorkflowFacts,
  actionKey: string,
  actor: Actor,
  options: { comment?: string } = {},
): TransitionOutcome {
  const action = flow.actions.find((a) => a.key === actionKey);
  if (!action || !action.from.includes(facts.state)) {
    return refuse('ACTION_NOT_ALLOWED', `当前状态「${STATES[facts.state].label}」下不能执行此操作`);
  }
  const role = actingRole(action, facts, actor);
  if (!role) {
    return refuse('FORBIDDEN', `您没有权限执行「${action.label}」`);
  }
  const guard = guardProblem(action, facts);
  if (guard) {
    return refuse('GUARD_FAILED', guard);
  }
  const missing = attachmentProblem(action, facts);
  if (missing) {
    return refuse('GUARD_FAILED', missing);
  }
  if (action.commentRequired && !options.comment?.trim()) {
    return refuse('VALIDATION_FAILED', `请填写「${action.label}」的原因或意见`);
  }
  const outcome = action.to.find(
    (o) => (o.when === undefined || CONDITIONS[o.when](facts)) && (o.from === undefined || o.from === facts.state),
  );
  if (!outcome) {
    // A definition error, not a user error: every action ends with an unconditional outcome.
    throw new Error(`workflow ${flow.key}: action ${action.key} has no outcome for state ${facts.state}`);
  }
  const to = outcome.to === 'stay' ? facts.state : outcome.to;
  return {
    ok: true,
    action,
    from: facts.state,
    to,
    newStep: !(action.record === true && to === facts.state),
    // The next contract stage begins only when the application stays in review.
    effects: (action.effects ?? []).filter((e) => e !== 'nextContractStage' || to === facts.state),
    actingRole: role,
  };
}

/** An action this actor may take now, as the clients render it (the server sends these). */
export interface AvailableAction {
  key: ActionKey;
  label: string;
  /** Which form the client shows (clients choose by this, never by the key). */
  form: FormHint;
  /** For `decision` forms: what is decided on. */
  decision: DecisionDef | null;
  /** A line the form shows before the action is taken. */
  notice: { tone: 'info' | 'warning'; text: string } | null;
  tone: 'primary' | 'default' | 'danger';
  commentRequired: boolean;
  /** Attachments the action's form collects; `required` ones must be uploaded before it can be taken. */
  uploads: { category: AttachmentCategory; required: boolean }[];
  /** Why it cannot be taken yet (a guard), or null. */
  blockedBy: string | null;
  /**
   * Whether the form asks a 原因类别 (returning, refusing, rejecting), and the categories it offers
   * (the server fills them from the administrator's list).
   */
  asksReason: boolean;
  reasonCategories: { id: number; label: string }[];
}

/** The actions `actor` may take now: the state and the role allow them; guards may still block. */
export function availableActions(flow: FlowDef, facts: WorkflowFacts, actor: Actor): AvailableAction[] {
  return flow.actions
    .filter((action) => action.from.includes(facts.state) && actingRole(action, facts, actor) !== null)
    .map((action) => ({
      key: action.key,
      label: action.label,
      form: action.form,
      decision: action.decision ?? null,
      notice: action.notice ?? null,
      tone: action.tone ?? 'default',
      commentRequired: action.commentRequired === true,
      uploads: (action.takes ?? []).map((category) => ({
        category,
        required:
          (action.requiresNew ?? []).includes(category) ||
          ((action.requiresCurrent ?? []).includes(category) && !facts.currentAttachments.includes(category)),
      })),
      blockedBy: guardProblem(action, facts),
      asksReason: action.reason === true,
      reasonCategories: [],
    }));
}
