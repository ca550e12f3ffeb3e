import type { InferCreationAttributes, Transaction } from 'sequelize';
import { chinaDateTime, formatElapsed, renderNotification, type NotificationEvent, type NotificationSender } from '@wc/shared';
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
  details: {
    historyId: number | null;
    comment: string | null;
    stateLabel: string;
    at: Date;
    sender: NotificationSender;
    /** The amount due, when the step entered awaits payment (the payment notice carries it). */
    amount?: number | null;
  },
): QueuedMessage {
  const amount = details.amount ?? null;
  const { title, text } = renderNotification(event, { number: app.number, comment: details.comment, sender: details.sender, amount });
  return {
    applicationId: app.id,
    historyId: details.historyId,
    event,
    audience: 'applicant',
    recipientUserId: app.applicantUserId,
    payload: {
      title,
      text,
      number: app.number,
      name: app.name,
      stateLabel: details.stateLabel,
      ...(amount !== null ? { amount } : {}),
      at: details.at.toISOString(),
    },
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

/** The application a deadline alert is about, in the step it is in. */
type StepRef = ApplicationRef & { state: string; currentAssigneeId: number | null; currentRole: string | null };

/**
 * 办理提醒: a customer-clock step has waited past its `ordinal`-th reminder threshold. To the applicant
 * like a progress notification (recorded for the window when there is no account); at 缴费 it names
 * the amount due.
 */
export function customerReminder(
  app: ApplicationRef,
  step: {
    state: string;
    customerLabel: string;
    waited: string;
    ordinal: number;
    amount: number | null;
    at: Date;
    sender: NotificationSender;
  },
): QueuedMessage {
  const { title, text } = renderNotification('reminder', {
    number: app.number,
    step: step.customerLabel,
    waited: step.waited,
    amount: step.amount,
    sender: step.sender,
  });
  return {
    applicationId: app.id,
    historyId: null,
    event: 'reminder',
    audience: 'applicant',
    recipientUserId: app.applicantUserId,
    payload: {
      title,
      text,
      number: app.number,
      name: app.name,
      stateLabel: step.customerLabel,
      state: step.state,
      reminder: step.ordinal,
      ...(step.amount !== null ? { amount: step.amount } : {}),
      at: step.at.toISOString(),
    },
    nextAttemptAt: step.at,
  };
}

/** 办理超时: the step has passed its time limit; to its assignee, or to everyone holding its role. */
export function staffOverdue(app: StepRef, step: { stateLabel: string; enteredAt: Date; now: Date }): QueuedMessage {
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
      state: app.state,
      stateLabel: step.stateLabel,
      at: step.now.toISOString(),
    },
    nextAttemptAt: step.now,
  };
}

/** 即将超时: the step has used 80 % of its time; to its assignee, or to everyone holding its role. */
export function staffDueSoon(app: StepRef, step: { stateLabel: string; dueAt: Date; now: Date }): QueuedMessage {
  return {
    applicationId: app.id,
    historyId: null,
    event: 'due_soon',
    audience: 'staff',
    recipientUserId: app.currentAssigneeId,
    payload: {
      title: '即将超时',
      text: `报装${app.number}（${app.name}）在「${step.stateLabel}」将于${chinaDateTime(step.dueAt)}超过办理时限，请及时办理。`,
      number: app.number,
      name: app.name,
      role: app.currentRole,
      state: app.state,
      stateLabel: step.stateLabel,
      at: step.now.toISOString(),
    },
    nextAttemptAt: step.now,
  };
}

/** 超时升级: a step overdue for more than a day, to everyone holding 领导; names who has it. */
export function staffEscalated(app: StepRef, step: { stateLabel: string; dueAt: Date; now: Date; handler: string }): QueuedMessage {
  return {
    applicationId: app.id,
    historyId: null,
    event: 'escalated',
    audience: 'staff',
    recipientUserId: null,
    payload: {
      title: '超时升级',
      text: `报装${app.number}（${app.name}）在「${step.stateLabel}」已超时${formatElapsed(step.now.getTime() - step.dueAt.getTime())}（办理人：${step.handler}），请督办。`,
      number: app.number,
      name: app.name,
      role: 'leader',
      state: app.state,
      stateLabel: step.stateLabel,
      at: step.now.toISOString(),
    },
    nextAttemptAt: step.now,
  };
}
