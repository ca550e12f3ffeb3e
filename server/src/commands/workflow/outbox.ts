import type { InferCreationAttributes, Transaction } from 'sequelize';
import { renderNotification, type NotificationEvent, type NotificationSender } from '@wc/shared';
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
  // Delivery fields (channel, lock, error, sent) start empty.
  await OutboxMessage.bulkCreate(
    messages.map((m) => ({ ...m, status: 'pending' as const, attempts: 0 })),
    { transaction: t },
  );
}
