import type { Config } from '../../config';
import type { OutboxMessage } from '../../models';
import type { DeliveryChannel } from '../../models/OutboxDelivery';
import type { SendReceipt } from '../../wechat/client';
import type { NotificationValues } from '../../wechat/templates';

/** One way to deliver one outbox message, ready to send. */
export interface PlannedSend {
  channel: DeliveryChannel;
  recipient: string | null;
  templateId: string | null;
  /** For subscribe messages: the consent the send uses up (reserved before sending). */
  subscription: { userId: number; templateId: string } | null;
  /** Resolves when WeChat accepted the message; `note`: what the send had to give up on the way. */
  send(): Promise<SendReceipt>;
}

export function valuesOf(row: OutboxMessage): NotificationValues {
  const p = row.payload;
  const str = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : '');
  const at = new Date(str('at') || row.createdAt.toISOString());
  return {
    event: row.event,
    number: str('number'),
    name: str('name'),
    title: str('title'),
    text: str('text'),
    stateLabel: str('stateLabel'),
    at: Number.isNaN(at.getTime()) ? row.createdAt : at,
  };
}

/** The page a message opens, with the application it is about. */
export function pageFor(config: Config, row: OutboxMessage): string {
  const page = config.wechat.templates.subscribe.page.replace(/^\//, '');
  return row.applicationId ? `${page}?id=${row.applicationId}` : page;
}
