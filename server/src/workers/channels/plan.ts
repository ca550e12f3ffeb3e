import { RATE_QUERY, opensRating } from '@wc/shared';
import type { Config } from '../../config';
import type { OutboxMessage } from '../../models';
import type { DeliveryChannel } from '../../models/OutboxDelivery';
import type { NotificationValues } from '../../wechat/templates';

/** What a channel answers when it accepted a message. */
export interface ChannelReceipt {
  msgid: string | null;
  /** What the send had to give up on the way: WeChat's numeric code, or a string such as SMS's `param_fitted`. */
  note: { code: number | string; message: string } | null;
}

/** One way to deliver one outbox message, ready to send. */
export interface PlannedSend {
  channel: DeliveryChannel;
  recipient: string | null;
  templateId: string | null;
  /** For subscribe messages: the consent the send uses up (reserved before sending). */
  subscription: { userId: number; templateId: string } | null;
  /**
   * Absent: one of the alternatives, tried in order until one is sent. `also`: sent as well, once,
   * whatever the alternatives did (SMS for what must not be missed).
   */
  mode?: 'also';
  /** Resolves when the platform accepted the message. */
  send(): Promise<ChannelReceipt>;
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

/** The page a message opens, with the application it is about; the completion notice opens its rating card. */
export function pageFor(config: Config, row: OutboxMessage): string {
  const page = config.wechat.templates.subscribe.page.replace(/^\//, '');
  if (!row.applicationId) {
    return page;
  }
  return `${page}?id=${row.applicationId}${opensRating(row.event) ? `&${RATE_QUERY}` : ''}`;
}
