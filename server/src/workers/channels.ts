import { Op } from 'sequelize';
import type { Config } from '../config';
import { User, WechatFollower, WechatSubscription, type OutboxMessage } from '../models';
import type { DeliveryChannel } from '../models/OutboxDelivery';
import { miniProgram, officialAccount } from '../wechat/apps';
import type { SendReceipt } from '../wechat/client';
import type { StaffGroup } from '../wechat/staffGroup';
import { templateData, type NotificationValues } from '../wechat/templates';

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

function valuesOf(row: OutboxMessage): NotificationValues {
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
function pageFor(config: Config, row: OutboxMessage): string {
  const page = config.wechat.templates.subscribe.page.replace(/^\//, '');
  return row.applicationId ? `${page}?id=${row.applicationId}` : page;
}

/**
 * The channels to try for an applicant's progress message, in order: a mini-program subscribe
 * message while the user has a one-time consent left, else an official-account template message
 * when the user follows the account. None (local mode, or neither applies): the message is only
 * shown in the app.
 */
async function applicantChannels(config: Config, row: OutboxMessage): Promise<PlannedSend[]> {
  if (!row.recipientUserId) {
    return [];
  }
  const user = await User.findByPk(row.recipientUserId);
  if (!user) {
    return [];
  }
  const values = valuesOf(row);
  const page = pageFor(config, row);
  const plans: PlannedSend[] = [];
  const mp = miniProgram();
  const subscribe = config.wechat.templates.subscribe;
  if (mp && subscribe.id && user.openid) {
    const consent = await WechatSubscription.findOne({ where: { userId: user.id, templateId: subscribe.id, remaining: { [Op.gt]: 0 } } });
    const openid = user.openid;
    if (consent) {
      plans.push({
        channel: 'mp_subscribe',
        recipient: openid,
        templateId: subscribe.id,
        subscription: { userId: user.id, templateId: subscribe.id },
        send: () => mp.sendSubscribe({ touser: openid, templateId: subscribe.id, page, data: templateData(subscribe.fields, values) }),
      });
    }
  }
  const oa = officialAccount();
  const official = config.wechat.templates.official;
  if (oa && official.id) {
    const follower = await WechatFollower.findOne({
      where: { appId: oa.appId, userId: user.id, subscribed: true },
      order: [['subscribedAt', 'DESC']],
    });
    if (follower) {
      // The H5 page by default; the mini program only when configured (it must be linked to the
      // account), with the H5 page as the fallback for WeChat versions that cannot open it.
      const dest = {
        url: `${config.publicUrl.replace(/\/$/, '')}/h5/${page}`,
        ...(mp && official.jump === 'miniprogram' ? { miniprogram: { appid: mp.appId, pagepath: page } } : {}),
      };
      plans.push({
        channel: 'oa_template',
        recipient: follower.openid,
        templateId: official.id,
        subscription: null,
        send: () => oa.sendTemplate(follower.openid, official.id, dest, templateData(official.fields, values)),
      });
    }
  }
  return plans;
}

/**
 * Staff alerts go to the staff WeChat group when one is configured; the worklist shows them anyway.
 * While the group is not connected its send fails as never sent, so the alert is retried later
 * instead of being marked recorded.
 */
async function staffChannels(row: OutboxMessage, group: StaffGroup | null): Promise<PlannedSend[]> {
  if (!group) {
    return [];
  }
  const values = valuesOf(row);
  const assignee = row.recipientUserId ? await User.findByPk(row.recipientUserId) : null;
  const text = `【${values.title}】${values.text}${assignee ? `（经办人：${assignee.displayName}）` : ''}`;
  return [
    {
      channel: 'staff_group',
      recipient: group.name,
      templateId: null,
      subscription: null,
      send: async () => {
        await group.send(text);
        return { msgid: null, note: null };
      },
    },
  ];
}

export function planChannels(config: Config, row: OutboxMessage, group: StaffGroup | null): Promise<PlannedSend[]> {
  return row.audience === 'applicant' ? applicantChannels(config, row) : staffChannels(row, group);
}
