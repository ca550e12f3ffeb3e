import {
  ATTACHMENT_CATEGORIES,
  ROLE_LABELS,
  STATES,
  formatElapsed,
  type ActorRole,
  type HistoryEntryView,
  type StateKey,
} from '@wc/shared';
import type { AuthUser } from '../context';
import type { Attachment, HistoryEntry } from '../models';

/** Steps of the utility's internal handling that applicants do not see in their timeline. */
const INTERNAL_ACTIONS = new Set([
  'transfer',
  'request_leader_approval',
  'leader_approve',
  'leader_reject',
  'save_contract',
  'save_dispatch_sheet',
]);

/** Whether a viewer sees an entry at all. */
export function historyVisibleTo(viewer: AuthUser, entry: HistoryEntry): boolean {
  return viewer.kind === 'staff' || !INTERNAL_ACTIONS.has(entry.action);
}

/** 报装记录 as the API shows it: who, role, when, from → to, comment, files and the step's duration. */
export function presentHistoryEntry(entry: HistoryEntry, viewer: AuthUser, files: Map<number, Attachment>): HistoryEntryView {
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
    attachments,
    payload: staff ? entry.payload : pickCustomerPayload(entry.payload),
    at: entry.at.toISOString(),
    stepStartedAt: entry.stepStartedAt ? entry.stepStartedAt.toISOString() : null,
    durationMs: entry.durationMs,
    durationText: formatElapsed(entry.durationMs),
    clock: entry.clock,
    newStep: entry.newStep,
  };
}

/** Applicants see the figures and file versions meant for them, not internal routing. */
function pickCustomerPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const allowed = [
    'confirmed',
    'budget',
    'construction_drawing',
    'construction_drawing_pdf',
    'design_change',
    'change_budget',
    'budgetTotal',
    'finalAmount',
    'summary',
    'contractStage',
  ];
  return Object.fromEntries(Object.entries(payload).filter(([k]) => allowed.includes(k)));
}
