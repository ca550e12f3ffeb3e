import type { Transaction } from 'sequelize';
import { renderNotification, type NotificationEvent } from '@wc/shared';
import { OutboxMessage } from '../../models';

interface ApplicationRef {
  id: number;
  number: string;
  name: string;
  applicantUserId: number | null;
}

/**
 * Queues the applicant's progress notification (进度推送) in the caller's transaction. It is written
 * even when the applicant has no account yet (a window application): the admin sees it recorded.
 */
export async function queueApplicantNotification(
  app: ApplicationRef,
  event: NotificationEvent,
  details: { historyId: number | null; comment: string | null; stateLabel: string; at: Date },
  t: Transaction,
): Promise<OutboxMessage> {
  const { title, text } = renderNotification(event, { number: app.number, comment: details.comment });
  return OutboxMessage.create(
    {
      applicationId: app.id,
      historyId: details.historyId,
      event,
      audience: 'applicant',
      recipientUserId: app.applicantUserId,
      payload: { title, text, number: app.number, name: app.name, stateLabel: details.stateLabel, at: details.at.toISOString() },
      channel: null,
      nextAttemptAt: details.at,
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      sentAt: null,
    },
    { transaction: t },
  );
}

/** Queues a "new work for you" alert to the step's assignee, or to everyone holding its role. */
export async function queueStaffWork(
  app: ApplicationRef,
  step: { stateLabel: string; role: string | null; assigneeId: number | null; historyId: number | null; at: Date },
  t: Transaction,
): Promise<OutboxMessage> {
  return OutboxMessage.create(
    {
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
      channel: null,
      nextAttemptAt: step.at,
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      sentAt: null,
    },
    { transaction: t },
  );
}
