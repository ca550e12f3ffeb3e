import { Op } from 'sequelize';
import {
  DELIVERY_OUTCOME_LABELS,
  NOTIFICATION_STATUS_LABELS,
  UNDELIVERED_REASONS,
  type ApplicationNotificationView,
  type DeliveryOutcome,
  type NotificationStatus,
} from '@wc/shared';
import type { AuthUser } from '../context';
import { OutboxDelivery, OutboxMessage, User } from '../models';
import { CHANNEL_LABELS } from '../routes/notifications/presenter';
import { findVisibleApplication } from './applicationViews';

const text = (payload: Record<string, unknown>, key: string): string | null =>
  typeof payload[key] === 'string' ? (payload[key] as string) : null;

/**
 * Who was told what (通知记录) for one application, oldest first: every notification with each try
 * on each channel. Staff see all of them (the applicant's and staff alerts) with the platform's error
 * text; an applicant sees only what was addressed to them, and why it failed only in words.
 */
export async function loadNotificationTimeline(user: AuthUser, id: number): Promise<ApplicationNotificationView[]> {
  const app = await findVisibleApplication(user, id);
  const staff = user.kind === 'staff';
  const rows = await OutboxMessage.findAll({
    where: { applicationId: app.id, ...(staff ? {} : { audience: 'applicant' }) },
    order: [['id', 'ASC']],
  });
  const ids = rows.map((r) => r.id);
  const deliveries = ids.length ? await OutboxDelivery.findAll({ where: { outboxId: { [Op.in]: ids } }, order: [['id', 'ASC']] }) : [];
  const byMessage = new Map<number, OutboxDelivery[]>();
  for (const d of deliveries) {
    byMessage.set(d.outboxId, [...(byMessage.get(d.outboxId) ?? []), d]);
  }
  const userIds = staff ? [...new Set(rows.map((r) => r.recipientUserId).filter((v): v is number => v !== null))] : [];
  const names = new Map(
    (userIds.length ? await User.findAll({ attributes: ['id', 'displayName'], where: { id: { [Op.in]: userIds } } }) : []).map((u) => [
      u.id,
      u.displayName,
    ]),
  );
  return rows.map((row): ApplicationNotificationView => {
    const status: NotificationStatus = row.status;
    const tries = byMessage.get(row.id) ?? [];
    const last = tries[tries.length - 1];
    const delivered = row.status === 'sent';
    const channel = row.channel ?? last?.channel ?? null;
    const failedTry = [...tries].reverse().find((d) => d.outcome !== 'sent' && d.outcome !== 'pending');
    // Why nobody was reached: the last refusal or error (with the platform's words for staff), else the status.
    const failedWhy = failedTry
      ? `${DELIVERY_OUTCOME_LABELS[failedTry.outcome as DeliveryOutcome]}${staff && failedTry.errorMessage ? `（${failedTry.errorMessage}）` : ''}`
      : null;
    const reason = delivered
      ? null
      : status === 'failed'
        ? `${UNDELIVERED_REASONS.failed}：${failedWhy ?? (staff && row.lastError ? row.lastError : '发送出错')}`
        : status === 'recorded' && failedWhy
          ? `推送${failedWhy}，仅在系统内显示`
          : (UNDELIVERED_REASONS[status] ?? null);
    return {
      id: row.id,
      event: row.event,
      title: text(row.payload, 'title') ?? '进度通知',
      text: text(row.payload, 'text') ?? '',
      audience: row.audience,
      historyId: row.historyId,
      recipientName: staff
        ? row.recipientUserId
          ? (names.get(row.recipientUserId) ?? null)
          : row.audience === 'staff'
            ? text(row.payload, 'role')
            : null
        : null,
      // When it happened (a reminder: when its threshold was found passed), as the message says.
      at: text(row.payload, 'at') ?? row.createdAt.toISOString(),
      status,
      statusLabel: NOTIFICATION_STATUS_LABELS[status],
      delivered,
      channel,
      channelLabel: channel ? (CHANNEL_LABELS[channel] ?? channel) : null,
      deliveredAt: row.sentAt ? row.sentAt.toISOString() : null,
      reason,
      attempts: tries.map((d) => ({
        channel: d.channel,
        channelLabel: CHANNEL_LABELS[d.channel] ?? d.channel,
        outcome: d.outcome as DeliveryOutcome,
        outcomeLabel: DELIVERY_OUTCOME_LABELS[d.outcome as DeliveryOutcome],
        at: d.startedAt.toISOString(),
        error: staff && d.outcome !== 'sent' ? (d.errorMessage ?? (d.errorCode !== null ? `错误码${d.errorCode}` : null)) : null,
      })),
    };
  });
}
