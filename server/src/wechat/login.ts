import type { Logger } from 'pino';
import { Op, UniqueConstraintError } from 'sequelize';
import { isMobilePhone } from '@wc/shared';
import { issueToken, type IssuedToken } from '../commands/authentication';
import { withTransaction } from '../db/transaction';
import { AppError, ForbiddenError } from '../errors';
import { User, UserRole, WechatSubscription } from '../models';
import { services } from '../services';
import {
  applicantForMiniProgram,
  applicantForOfficialAccount,
  issueLoginTicket,
  redeemLoginTicket,
  useOnce,
  type FollowerProfile,
} from './accounts';
import { miniProgram, officialAccount } from './apps';
import { wechatFailure } from './errors';
import type { MiniProgram } from './miniProgram';
import type { OfficialAccount } from './officialAccount';
import { newNonce, signOauthState } from './oauthState';

export interface WechatTokenReply extends IssuedToken {
  isNew: boolean;
  privacyAgreed: boolean;
}

function requireMiniProgram(): MiniProgram {
  const mp = miniProgram();
  if (!mp) {
    throw new AppError('BAD_REQUEST', '系统未启用微信小程序登录，请使用账号密码登录');
  }
  return mp;
}

function requireOfficialAccount(): OfficialAccount {
  const oa = officialAccount();
  if (!oa) {
    throw new AppError('BAD_REQUEST', '系统未启用公众号网页登录，请使用账号密码登录');
  }
  return oa;
}

function reply(user: User, isNew: boolean): WechatTokenReply {
  if (!user.enabled) {
    throw new AppError('ACCOUNT_DISABLED');
  }
  return { ...issueToken(user), isNew, privacyAgreed: user.privacyAgreedAt !== null };
}

/**
 * Mini-program login (`wx.login` code): the code is spent first (a second use is refused without
 * asking WeChat), then exchanged for the openid, which alone says who this is.
 */
export async function miniProgramLogin(code: string, agreedPrivacy: boolean): Promise<WechatTokenReply> {
  const mp = requireMiniProgram();
  let identity;
  try {
    await useOnce('mp_login', code);
    identity = await mp.codeToSession(code);
  } catch (error) {
    throw wechatFailure(error, '登录');
  }
  const { user, isNew } = await applicantForMiniProgram(identity, agreedPrivacy);
  return reply(user, isNew);
}

/** Links the logged-in applicant (password account) to the WeChat user of this `wx.login` code. */
export async function bindMiniProgram(userId: number, code: string): Promise<User> {
  const mp = requireMiniProgram();
  let identity;
  try {
    await useOnce('mp_bind', code);
    identity = await mp.codeToSession(code);
  } catch (error) {
    throw wechatFailure(error, '登录');
  }
  try {
    await withTransaction(services().sequelize, async (t) => {
      const other = await User.findOne({ where: { openid: identity.openid, id: { [Op.ne]: userId } }, transaction: t });
      if (other) {
        throw new AppError('CONFLICT', '该微信已绑定其他账号');
      }
      const user = await User.findByPk(userId, { transaction: t });
      if (user?.openid && user.openid !== identity.openid) {
        throw new AppError('CONFLICT', '本账号已绑定其他微信');
      }
      await User.update(
        { openid: identity.openid, ...(identity.unionid && !user?.unionid ? { unionid: identity.unionid } : {}) },
        { where: { id: userId }, transaction: t },
      );
    });
  } catch (error) {
    throw error instanceof UniqueConstraintError ? new AppError('CONFLICT', '该微信已绑定其他账号') : error;
  }
  return loadUser(userId);
}

async function loadUser(id: number): Promise<User> {
  const user = await User.findByPk(id, { include: [{ model: UserRole, as: 'roles' }] });
  if (!user) {
    throw new AppError('NOT_FOUND');
  }
  return user;
}

/** Sets the applicant's phone to the number WeChat confirms (getPhoneNumber), after consent. */
export async function bindPhone(userId: number, code: string): Promise<User> {
  const mp = requireMiniProgram();
  const user = await loadUser(userId);
  if (!user.privacyAgreedAt) {
    throw new ForbiddenError('请先阅读并同意隐私政策');
  }
  let phone;
  try {
    await useOnce('phone', code);
    phone = await mp.phoneNumber(code);
  } catch (error) {
    throw wechatFailure(error, '手机号');
  }
  if (phone.countryCode !== '86' || !isMobilePhone(phone.purePhoneNumber)) {
    throw new AppError('VALIDATION_FAILED', '仅支持中国大陆手机号', [{ path: 'code', message: '仅支持中国大陆手机号' }]);
  }
  await withTransaction(services().sequelize, (t) =>
    User.update({ phone: phone.purePhoneNumber }, { where: { id: userId }, transaction: t }),
  );
  return loadUser(userId);
}

/** Records consent to the privacy policy (accounts made by a WeChat login start without it). */
export async function recordConsent(userId: number, now = new Date()): Promise<User> {
  await withTransaction(services().sequelize, (t) =>
    User.update({ privacyAgreedAt: now }, { where: { id: userId, privacyAgreedAt: null }, transaction: t }),
  );
  return loadUser(userId);
}

export interface SubscriptionState {
  templateId: string;
  remaining: number;
}

/**
 * One-time subscribe-message answers: each "accept" allows one more message on that template. Only
 * useful to a user WeChat knows (openid from a mini-program login).
 */
export async function recordSubscriptions(
  userId: number,
  input: { templateIds: string[]; accepted: string[] },
  now = new Date(),
): Promise<SubscriptionState[]> {
  const user = await loadUser(userId);
  if (!user.openid) {
    throw new AppError('BAD_REQUEST', '请先使用微信登录，再订阅办理进度通知');
  }
  const templateIds = [...new Set(input.templateIds)];
  await withTransaction(services().sequelize, async (t) => {
    for (const templateId of templateIds) {
      const accepted = input.accepted.includes(templateId);
      const [row] = await WechatSubscription.findOrCreate({
        where: { userId, templateId },
        defaults: { userId, templateId, remaining: 0, acceptedAt: null, rejectedAt: null },
        transaction: t,
      });
      // Consent piles up in WeChat too, but a sane cap keeps a looping client from inflating it.
      await row.update(accepted ? { remaining: Math.min(row.remaining + 1, 50), acceptedAt: now } : { rejectedAt: now }, {
        transaction: t,
      });
    }
  });
  return subscriptionsOf(userId);
}

export async function subscriptionsOf(userId: number): Promise<SubscriptionState[]> {
  const rows = await WechatSubscription.findAll({ where: { userId }, order: [['templateId', 'ASC']] });
  return rows.map((r) => ({ templateId: r.templateId, remaining: r.remaining }));
}

/** The address that starts the web login for `path` (the menu's entries, the H5 login button). */
export function oauthUrl(path: string): string {
  requireOfficialAccount();
  const base = services().config.publicUrl.replace(/\/$/, '');
  return `${base}/api/wechat/oauth/start?redirect=${encodeURIComponent(path)}`;
}

/**
 * The start of the web login: WeChat's authorize URL with a fresh nonce as `state`, and the signed
 * cookie that binds the nonce (and the page to return to) to this browser (see oauthState.ts).
 */
export function oauthStart(path: string, now = new Date()): { authorizeUrl: string; cookie: { value: string; maxAgeMs: number } } {
  const oa = requireOfficialAccount();
  const { config } = services();
  const nonce = newNonce();
  const callback = `${config.publicUrl.replace(/\/$/, '')}/api/wechat/oauth/callback`;
  return { authorizeUrl: oa.authorizeUrl(callback, nonce), cookie: signOauthState({ nonce, path }, config.cookieSecret, now) };
}

/** A 朋友圈 snapshot-page visitor (快照页模式): WeChat gave a virtual openid, which is nobody's account. */
export class SnapshotVisitorError extends Error {
  constructor() {
    super('snapshot-page visitor');
    this.name = 'SnapshotVisitorError';
  }
}

/**
 * Asks WeChat about the follower (`cgi-bin/user/info`): whether they follow, and their unionid,
 * which snsapi_base never gives. Without it (WeChat unreachable) the login goes on with what we
 * hold; a duplicate made then is merged when the unionid turns up (linkFollowersByUnionid).
 */
async function followerProfile(oa: OfficialAccount, openid: string, logger: Logger): Promise<FollowerProfile | null> {
  try {
    const info = await oa.getUser(openid);
    const subscribed = info.subscribe === 1;
    return {
      subscribed,
      unionid: subscribed ? (info.unionid ?? null) : null,
      subscribedAt: subscribed && info.subscribe_time ? new Date(info.subscribe_time * 1000) : null,
    };
  } catch (error) {
    logger.warn({ err: error }, 'wechat user/info failed during web login');
    return null;
  }
}

/** OAuth code → our applicant → a one-time ticket for the H5 page to exchange. */
export async function oauthLogin(code: string, logger: Logger): Promise<{ ticket: string }> {
  const oa = requireOfficialAccount();
  let identity;
  try {
    await useOnce('oauth', code);
    identity = await oa.oauthIdentity(code);
  } catch (error) {
    throw wechatFailure(error, '授权');
  }
  if (identity.snapshot) {
    throw new SnapshotVisitorError();
  }
  const profile = await followerProfile(oa, identity.openid, logger);
  const { user } = await applicantForOfficialAccount(oa.appId, identity, profile);
  if (!user.enabled) {
    throw new AppError('ACCOUNT_DISABLED');
  }
  return { ticket: await issueLoginTicket(user.id) };
}

/** The H5 page's half of the web login: a ticket, once, for a login token. */
export async function exchangeTicket(ticket: string): Promise<WechatTokenReply> {
  const user = await redeemLoginTicket(ticket);
  if (!user) {
    throw new AppError('INVALID_CREDENTIALS', '登录票据无效或已使用，请重新从公众号菜单进入');
  }
  return reply(user, false);
}
