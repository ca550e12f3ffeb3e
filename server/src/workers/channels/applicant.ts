import { Op } from 'sequelize';
import type { Config } from '../../config';
import { User, WechatFollower, WechatSubscription, type OutboxMessage } from '../../models';
import { miniProgram, officialAccount } from '../../wechat/apps';
import { templateData } from '../../wechat/templates';
import { pageFor, valuesOf, type PlannedSend } from './plan';

/**
 * The channels to try for an applicant's progress message, in order: a mini-program subscribe
 * message while the user has a one-time consent left, else an official-account template message
 * when the user follows the account. None (local mode, or neither applies): the message is only
 * shown in the app.
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
  return plans;
}
