import { chinaDateTime, isMobilePhone, maskPhone, mustReach, type NotificationEvent } from '@wc/shared';
import { Op } from 'sequelize';
import type { Config } from '../../config';
import { SmsTemplate, User, WechatFollower, WechatSubscription, type OutboxMessage } from '../../models';
import { smsSender } from '../../sms';
import { miniProgram, officialAccount } from '../../wechat/apps';
import { templateData } from '../../wechat/templates';
import { pageFor, valuesOf, type PlannedSend } from './plan';

/**
 * The channels to try for an applicant's progress message, in order: a mini-program subscribe
 * message while the user has a one-time consent left, else an official-account template message
 * when the user follows the account, else SMS (短信) when they have a mobile number and did not
 * turn it off. What must not be missed (shared/src/workflow/reach.ts) also goes by SMS, whatever
 * WeChat did and whatever the applicant chose. None (local mode, or nothing applies): the message
 * is only shown in the app.
 */
export async function applicantChannels(config: Config, row: OutboxMessage): Promise<PlannedSend[]> {
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
  const sms = await smsPlan(config, row, user);
  if (sms) {
    // Must reach: sent as well as WeChat. Otherwise SMS is the last resort, tried only when no
    // WeChat channel reached the applicant.
    plans.push(mustReach(row.event as NotificationEvent) ? { ...sms, mode: 'also' } : sms);
  }
  return plans;
}

/**
 * SMS for this message, when it applies: SMS is switched on (not local mode), the applicant has a
 * mobile number, a template is set for the event, and the applicant wants progress SMS — or the
 * event must reach them anyway.
 */
async function smsPlan(config: Config, row: OutboxMessage, user: User): Promise<PlannedSend | null> {
  const sender = smsSender(config);
  const phone = user.phone?.trim() ?? '';
  if (!sender.live || !isMobilePhone(phone)) {
    return null;
  }
  const event = row.event as NotificationEvent;
  if (!user.smsEnabled && !mustReach(event)) {
    return null;
  }
  const template = await SmsTemplate.findOne({ where: { key: event, enabled: true } });
  if (!template) {
    return null;
  }
  const v = valuesOf(row);
  const params: Record<string, string> = {
    number: v.number,
    title: v.title,
    state: v.stateLabel,
    text: v.text,
    name: v.name,
    time: chinaDateTime(v.at),
  };
  return {
    channel: 'sms',
    // The delivery record keeps the number masked: it is shown to staff who do not phone customers.
    recipient: maskPhone(phone),
    templateId: template.templateCode,
    subscription: null,
    send: async () => {
      const receipt = await sender.send({ phone, template: event, params });
      return { msgid: receipt.bizId, note: receipt.note ? { code: 'param_fitted', message: receipt.note } : null };
    },
  };
}
