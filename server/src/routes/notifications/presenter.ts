import { Op } from 'sequelize';
import {
  NOTIFICATION_STATUS_LABELS,
  maskPhone,
  type DeliveryAttemptView,
  type NoticeView,
  type NotificationStatus,
  type SentNotificationView,
} from '@wc/shared';
import { OutboxDelivery, User, type OutboxMessage } from '../../models';

export const CHANNEL_LABELS: Record<string, string> = {
  mp_subscribe: '小程序订阅消息',
  oa_template: '公众号模板消息',
  sms: '短信',
  wecom_app: '企业微信消息',
  wecom_robot: '企业微信群机器人',
  staff_group: '员工微信群',
};

const text = (payload: Record<string, unknown>, key: string): string | null =>
  typeof payload[key] === 'string' ? (payload[key] as string) : null;

/** A message in the user's own timeline (applicant: progress; staff: alerts). */
export function presentNotification(row: OutboxMessage): NoticeView {
  const p = row.payload;
  return {
    id: row.id,
    event: row.event,
    title: text(p, 'title') ?? '进度通知',
    text: text(p, 'text') ?? '',
    number: text(p, 'number'),
    name: text(p, 'name'),
    stateLabel: text(p, 'stateLabel'),
    applicationId: row.applicationId,
    at: text(p, 'at') ?? row.createdAt.toISOString(),
    pushed: row.status === 'sent',
    channel: row.status === 'sent' ? row.channel : null,
    channelLabel: row.status === 'sent' && row.channel ? (CHANNEL_LABELS[row.channel] ?? row.channel) : null,
  };
}

/** What became of one attempt, in the delivery record's words. */
function outcomeLabel(d: OutboxDelivery): string {
  const reason = d.errorMessage ?? d.errorKey ?? (d.errorCode !== null ? String(d.errorCode) : null);
  switch (d.outcome) {
    case 'sent':
      return d.errorMessage ? `已发送（${d.errorMessage}）` : '已发送';
    case 'limited':
      return reason ? `限流（${reason.replace(/^限流：/, '')}）` : '限流';
    case 'refused':
      return `失败（${reason ?? '平台拒绝'}）`;
    case 'error':
      return `失败（未发出，稍后重试${reason ? `：${reason}` : ''}）`;
    case 'uncertain':
      return '结果不明（未自动重发）';
    default:
      return '发送中';
  }
}

/** One attempt for the delivery record; a phone number is never shown in full (it may be stored masked already). */
function presentAttempt(d: OutboxDelivery): DeliveryAttemptView {
  return {
    channel: d.channel,
    channelLabel: CHANNEL_LABELS[d.channel] ?? d.channel,
    outcome: d.outcome,
    outcomeLabel: outcomeLabel(d),
    errorCode: d.errorCode,
    errorKey: d.errorKey,
    errorMessage: d.errorMessage,
    recipient: d.recipient && d.channel === 'sms' ? maskPhone(d.recipient) : d.recipient,
    at: d.startedAt.toISOString(),
  };
}

/** Every row for the administrator: status, channel, attempts and WeChat's error code, if any. */
export async function presentForAdmin(rows: OutboxMessage[]): Promise<SentNotificationView[]> {
  const ids = rows.map((r) => r.id);
  const deliveries = ids.length ? await OutboxDelivery.findAll({ where: { outboxId: { [Op.in]: ids } }, order: [['id', 'DESC']] }) : [];
  const latest = new Map<number, OutboxDelivery>();
  const byRow = new Map<number, OutboxDelivery[]>();
  for (const d of deliveries) {
    if (!latest.has(d.outboxId)) {
      latest.set(d.outboxId, d);
    }
    byRow.set(d.outboxId, [...(byRow.get(d.outboxId) ?? []), d]);
  }
  const userIds = [...new Set(rows.map((r) => r.recipientUserId).filter((id): id is number => id !== null))];
  const users = new Map((userIds.length ? await User.findAll({ where: { id: { [Op.in]: userIds } } }) : []).map((u) => [u.id, u]));
  return rows.map((row): SentNotificationView => {
    const last = latest.get(row.id);
    const recipient = row.recipientUserId ? users.get(row.recipientUserId) : undefined;
    const status: NotificationStatus = row.status;
    return {
      ...presentNotification(row),
      audience: row.audience,
      recipient: recipient ? { id: recipient.id, name: recipient.displayName } : null,
      role: text(row.payload, 'role'),
      status,
      statusLabel: NOTIFICATION_STATUS_LABELS[status],
      channel: row.channel,
      channelLabel: row.channel ? (CHANNEL_LABELS[row.channel] ?? row.channel) : null,
      attempts: row.attempts,
      nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
      lastError: row.lastError,
      errorCode: last?.errorCode ?? null,
      lastAttempt: last ? presentAttempt(last) : null,
      deliveries: (byRow.get(row.id) ?? []).map(presentAttempt),
      sentAt: row.sentAt ? row.sentAt.toISOString() : null,
      createdAt: row.createdAt.toISOString(),
    };
  });
}
