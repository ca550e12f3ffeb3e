import {
  ACTIONS,
  ATTACHMENT_CATEGORIES,
  EDIT_HISTORY_ACTION,
  ROLE_LABELS,
  STATES,
  TRANSFER_HISTORY_ACTION,
  behaviourOf,
  isActionKey,
  describeFormChanges,
  formatElapsed,
  maskFormChanges,
  type ActionBehaviour,
  type ActorRole,
  type FormChange,
  type HistoryEntryView,
  type StateKey,
} from '@wc/shared';
import type { AuthUser } from '../context';
import type { Attachment, HistoryEntry } from '../models';

/**
 * Entries of the utility's internal handling (the catalogue's `internal` actions, and transfers
 * between staff) that applicants do not see in their timeline.
 */
function internalEntry(action: string): boolean {
  return isActionKey(action) ? behaviourOf(action).internal === true : action === TRANSFER_HISTORY_ACTION;
}

/** Whether a viewer sees an entry at all. */
export function historyVisibleTo(viewer: AuthUser, entry: HistoryEntry): boolean {
  return viewer.kind === 'staff' || !internalEntry(entry.action);
}

/**
 * 报装记录 as the API shows it: who, role, when, from → to, comment, files and the step's duration.
 * `fullContact`: whether the viewer may see the application's phone numbers and credit code.
 */
export function presentHistoryEntry(
  entry: HistoryEntry,
  viewer: AuthUser,
  files: Map<number, Attachment>,
  fullContact: boolean,
): HistoryEntryView {
  const staff = viewer.kind === 'staff';
  const label = (s: string | null) => (s ? (STATES[s as StateKey]?.label ?? s) : null);
  const attachments = entry.attachmentIds
    .map((id) => files.get(id))
    .filter((a): a is Attachment => a !== undefined && (staff || ATTACHMENT_CATEGORIES[a.category].applicantVisible))
    .map((a) => ({ id: a.id, displayName: a.displayName, category: a.category, categoryLabel: ATTACHMENT_CATEGORIES[a.category].label }));
  const role = entry.actorRole;
  return {
    id: entry.id,
    seq: entry.seq,
    action: entry.action,
    actionLabel: entry.actionLabel,
    milestone: isActionKey(entry.action) ? (behaviourOf(entry.action).milestone ?? null) : null,
    fromState: entry.fromState,
    fromLabel: label(entry.fromState),
    toState: entry.toState,
    toLabel: label(entry.toState) ?? entry.toState,
    actor: {
      id: staff ? entry.actorUserId : null,
      name: staff || role === 'applicant' ? entry.actorName : null,
      role,
      roleLabel: role ? (ROLE_LABELS[role as ActorRole] ?? role) : null,
    },
    comment: entry.comment,
    reason: recordedReason(entry.payload),
    attachments,
    payload:
      entry.action === EDIT_HISTORY_ACTION
        ? presentEditPayload(entry.payload, fullContact)
        : staff
          ? entry.payload
          : pickCustomerPayload(entry.payload),
    at: entry.at.toISOString(),
    stepStartedAt: entry.stepStartedAt ? entry.stepStartedAt.toISOString() : null,
    durationMs: entry.durationMs,
    durationText: formatElapsed(entry.durationMs),
    clock: entry.clock,
    newStep: entry.newStep,
  };
}

/**
 * What applicants see of an entry's record: the file versions a decision named (the catalogue's
 * decisions), the figures entered for them, the survey's summary and the contract stage — not
 * internal routing (assignees), payments or the dispatch sheet.
 */
const CUSTOMER_PAYLOAD = new Set<string>([
  'confirmed',
  'budgetTotal',
  'finalAmount',
  'summary',
  'contractStage',
  'reason',
  ...Object.values(ACTIONS).flatMap((a: ActionBehaviour) => a.decision?.files ?? []),
]);

/** The 原因类别 as the entry recorded it (its label then, whatever it is called now). */
function recordedReason(payload: Record<string, unknown>): { id: number; label: string } | null {
  const reason = payload.reason as { id?: unknown; label?: unknown } | undefined;
  return reason && typeof reason.id === 'number' && typeof reason.label === 'string' ? { id: reason.id, label: reason.label } : null;
}

function pickCustomerPayload(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([k]) => CUSTOMER_PAYLOAD.has(k)));
}

/**
 * 修改申请 is the applicant's own form, so they see it as staff do: each changed field old → new,
 * contact details masked for viewers who may not see them, and the changes in one line as `summary`
 * (which both clients show).
 */
function presentEditPayload(payload: Record<string, unknown>, fullContact: boolean): Record<string, unknown> {
  const stored = Array.isArray(payload.changes) ? (payload.changes as FormChange[]) : [];
  const changes = fullContact ? stored : maskFormChanges(stored);
  return { changes, summary: describeFormChanges(changes) };
}
