import type { InferCreationAttributes, Transaction } from 'sequelize';
import { formatElapsed, renderNotification, type NotificationEvent, type NotificationSender } from '@wc/shared';
import { OutboxMessage } from '../../models';

interface ApplicationRef {
  id: number;
  number: string;
  name: string;
  applicantUserId: number | null;
}

/** A notification to write to the outbox: what it says and to whom; delivery fields start empty. */
export type QueuedMessage = Pick<
  InferCreationAttributes<OutboxMessage>,
  'applicationId' | 'historyId' | 'event' | 'audience' | 'recipientUserId' | 'payload' | 'nextAttemptAt'
>;

/**
 * The applicant's progress notification (进度推送). It is written even when the applicant has no
 * account yet (a window application): the admin sees it recorded.
 */
export function applicantNotification(
  app: ApplicationRef,
  event: NotificationEvent,
  details: { historyId: number | null; comment: string | null; stateLabel: string; at: Date; sender: NotificationSender },
): QueuedMessage {
  const { title, text } = renderNotification(event, { number: app.number, comment: details.comment, sender: details.sender });
  return {
    applicationId: app.id,
    historyId: details.historyId,
    event,
    audience: 'applicant',
    recipientUserId: app.applicantUserId,
    payload: { title, text, number: app.number, name: app.name, stateLabel: details.stateLabel, at: details.at.toISOString() },
    nextAttemptAt: details.at,
  };
}

/** A "new work for you" alert to the step's assignee, or to everyone holding its role. */
export function staffWork(
  app: ApplicationRef,
  step: { stateLabel: string; role: string | null; assigneeId: number | null; historyId: number | null; at: Date },
): QueuedMessage {
  return {
    applicationId: app.id,
    historyId: step.historyId,
    event: 'new_work',
    audience: 'staff',
    recipientUserId: step.assigneeId,
    payload: {
      title: '新的待办',
      text: `报装${app.number}（${app.name}）已到「${step.stateLabel}」，请及时办理。`,
      number: app.number,
      role: step.role,
      stateLabel: step.stateLabel,
      at: step.at.toISOString(),
    },
    nextAttemptAt: step.at,
  };
}

/**
 * Writes notifications in the caller's transaction, so that a committed change is never left
 * unannounced and a rolled-back one is never announced. The outbox's rows are written here and by
 * the workers that deliver them, always through the model.
 */
export async function queueMessages(messages: QueuedMessage[], t: Transaction): Promise<void> {
  if (messages.length === 0) {
    return;
  }
  await OutboxMessage.bulkCreate(messages.map(pending), { transaction: t });
}

/** One message written on its own, for a caller that links to it (an overdue alert names its row). */
export async function queueMessage(message: QueuedMessage, t: Transaction): Promise<number> {
  return (await OutboxMessage.create(pending(message), { transaction: t })).id;
}

/** Delivery fields (channel, lock, error, sent) start empty; nothing has been tried yet. */
function pending(message: QueuedMessage) {
  return { ...message, status: 'pending' as const, attempts: 0 };
}

/** 办理超时: the step has passed its time limit; to its assignee, or to everyone holding its role. */
export function staffOverdue(
  app: ApplicationRef & { currentAssigneeId: number | null; currentRole: string | null },
  step: { stateLabel: string; enteredAt: Date; now: Date },
): QueuedMessage {
  return {
    applicationId: app.id,
    historyId: null,
    event: 'overdue',
    audience: 'staff',
    recipientUserId: app.currentAssigneeId,
    payload: {
      title: '办理超时',
      text: `报装${app.number}（${app.name}）在「${step.stateLabel}」已超过办理时限（已历时${formatElapsed(step.now.getTime() - step.enteredAt.getTime())}），请尽快办理。`,
      number: app.number,
      name: app.name,
      role: app.currentRole,
      stateLabel: step.stateLabel,
      at: step.now.toISOString(),
    },
    nextAttemptAt: step.now,
  };
}
