import { createHash, randomBytes } from 'node:crypto';
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import { withTransaction } from '../db/transaction';
import { User, UserRole, WechatFollower, WechatLoginTicket, WechatUsedKey } from '../models';
import type { UsedKeyPurpose } from '../models/WechatUsedKey';
import { services } from '../services';
import { absorbDuplicate } from './duplicates';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The value was seen before (a login code presented twice, a replayed push nonce). */
export class AlreadyUsedError extends Error {
  constructor(readonly purpose: UsedKeyPurpose) {
    super(`${purpose} already used`);
    this.name = 'AlreadyUsedError';
  }
}

/**
 * Records that `value` has been used for `purpose`, or throws AlreadyUsedError. The primary key does
 * the deciding, so two processes presenting the same code at once get one success.
 */
export async function useOnce(purpose: UsedKeyPurpose, value: string, t?: Transaction): Promise<void> {
  const keyHash = sha256(`${purpose}:${value}`);
  const insert = (tx: Transaction) => WechatUsedKey.create({ keyHash, purpose }, { transaction: tx });
  try {
    if (t) {
      await insert(t);
    } else {
      await withTransaction(services().sequelize, insert, { retries: 0 });
    }
  } catch (error) {
    if (error instanceof UniqueConstraintError) {
      throw new AlreadyUsedError(purpose);
    }
    throw error;
  }
}

/** Forgets used keys and login tickets old enough that WeChat would refuse them anyway. */
export async function pruneOneTimeKeys(now = new Date()): Promise<number> {
  return withTransaction(services().sequelize, async (t) => {
    const keys = await WechatUsedKey.destroy({
      where: { createdAt: { [Op.lt]: new Date(now.getTime() - 24 * 3600_000) } },
      transaction: t,
    });
    const tickets = await WechatLoginTicket.destroy({
      where: { expiresAt: { [Op.lt]: new Date(now.getTime() - 3600_000) } },
      transaction: t,
    });
    return keys + tickets;
  });
}

async function loadWithRoles(id: number, t?: Transaction): Promise<User> {
  const user = await User.findByPk(id, { include: [{ model: UserRole, as: 'roles' }], transaction: t });
  if (!user) {
    throw new Error(`user ${id} vanished`);
  }
  return user;
}

/** A new applicant account known only by WeChat: no password, a generated user name. */
async function createWechatApplicant(fields: { openid: string | null; unionid: string | null; agreedAt: Date | null }, t: Transaction) {
  return User.create(
    {
      username: `wx_${randomBytes(6).toString('hex')}`,
      passwordHash: null,
      displayName: '微信用户',
      phone: null,
      kind: 'applicant',
      applicantKind: null,
      lockedUntil: null,
      openid: fields.openid,
      unionid: fields.unionid,
      privacyAgreedAt: fields.agreedAt,
    },
    { transaction: t },
  );
}

/**
 * Gives followers of the official account with this unionid to the user (same person, other app),
 * also those linked to a duplicate the web login created before the unionid was known: what the
 * duplicate owns moves along (see absorbDuplicate); a follower of an account with its own login stays.
 */
export async function linkFollowersByUnionid(userId: number, unionid: string | null, t: Transaction): Promise<void> {
  if (!unionid) {
    return;
  }
  const followers = await WechatFollower.findAll({ where: { unionid }, transaction: t });
  const owner = followers.some((f) => f.userId !== userId) ? await User.findByPk(userId, { transaction: t }) : null;
  if (!owner) {
    return;
  }
  for (const follower of followers) {
    if (follower.userId === null || (await absorbDuplicate(follower.userId, owner, unionid, t))) {
      await follower.update({ userId }, { transaction: t });
    }
  }
}

export interface WechatLogin {
  user: User;
  isNew: boolean;
}

/**
 * The applicant behind a mini-program openid: found by openid, else by unionid (someone who logged
 * in from the official account first), else created. Consent to the privacy policy is recorded
 * when given; a concurrent login of the same new user loses the unique index and finds the winner.
 */
export async function applicantForMiniProgram(
  identity: { openid: string; unionid: string | null },
  agreedPrivacy: boolean,
  now = new Date(),
): Promise<WechatLogin> {
  const attempt = () =>
    withTransaction(services().sequelize, async (t) => {
      let user = await User.findOne({ where: { openid: identity.openid }, transaction: t });
      let isNew = false;
      if (!user && identity.unionid) {
        user = await User.findOne({ where: { unionid: identity.unionid, openid: null, kind: 'applicant' }, transaction: t });
        if (user) {
          await user.update({ openid: identity.openid }, { transaction: t });
        }
      }
      if (!user) {
        user = await createWechatApplicant({ openid: identity.openid, unionid: identity.unionid, agreedAt: agreedPrivacy ? now : null }, t);
        isNew = true;
      }
      const changes: Partial<Pick<User, 'unionid' | 'privacyAgreedAt'>> = {};
      if (identity.unionid && !user.unionid) {
        changes.unionid = identity.unionid;
      }
      if (agreedPrivacy && !user.privacyAgreedAt) {
        changes.privacyAgreedAt = now;
      }
      if (Object.keys(changes).length > 0) {
        await user.update(changes, { transaction: t });
      }
      await linkFollowersByUnionid(user.id, identity.unionid, t);
      return { id: user.id, isNew };
    });
  let result: { id: number; isNew: boolean };
  try {
    result = await attempt();
  } catch (error) {
    if (!(error instanceof UniqueConstraintError)) {
      throw error;
    }
    result = await attempt();
  }
  return { user: await loadWithRoles(result.id), isNew: result.isNew };
}

/** What `cgi-bin/user/info` says about an official-account openid right now. */
export interface FollowerProfile {
  subscribed: boolean;
  /** Only for followers, and only when the account is bound to an open-platform account. */
  unionid: string | null;
  subscribedAt: Date | null;
}

/** The follower's subscription as WeChat reports it, when it differs from what we hold. */
function subscriptionChanges(follower: WechatFollower, profile: FollowerProfile | null, now: Date): Partial<WechatFollower> {
  if (!profile || profile.subscribed === follower.subscribed) {
    return {};
  }
  return profile.subscribed ? { subscribed: true, subscribedAt: profile.subscribedAt ?? now } : { subscribed: false, unsubscribedAt: now };
}

/**
 * The applicant behind an official-account openid (web login from the menu). snsapi_base tells us
 * the openid only; the unionid comes from `profile` (user/info, followers only) or an earlier
 * lookup. With a unionid, the account that has it wins — also over a duplicate the follower was
 * linked to before (absorbDuplicate); else the follower's linked account; else a new applicant,
 * which takes the unionid so that a later mini-program login finds it. The follower row is kept.
 */
export async function applicantForOfficialAccount(
  appId: string,
  identity: { openid: string; unionid: string | null },
  profile: FollowerProfile | null,
  now = new Date(),
): Promise<WechatLogin> {
  const attempt = () =>
    withTransaction(services().sequelize, async (t) => {
      let follower = await WechatFollower.findOne({ where: { appId, openid: identity.openid }, transaction: t });
      if (!follower) {
        follower = await WechatFollower.create(
          {
            appId,
            openid: identity.openid,
            unionid: null,
            userId: null,
            subscribed: false,
            subscribedAt: null,
            unsubscribedAt: null,
            lastEventAt: null,
          },
          { transaction: t },
        );
      }
      const unionid = identity.unionid ?? profile?.unionid ?? follower.unionid;
      const owner = unionid ? await User.findOne({ where: { unionid, kind: 'applicant' }, order: [['id', 'ASC']], transaction: t }) : null;
      let user = follower.userId ? await User.findByPk(follower.userId, { transaction: t }) : null;
      if (owner && unionid && (!user || (await absorbDuplicate(user.id, owner, unionid, t, now)))) {
        user = owner;
      }
      let isNew = false;
      if (!user) {
        user = await createWechatApplicant({ openid: null, unionid, agreedAt: null }, t);
        isNew = true;
      } else if (unionid && !owner && user.unionid === null) {
        await user.update({ unionid }, { transaction: t });
      }
      await follower.update(
        { userId: user.id, unionid: unionid ?? null, ...subscriptionChanges(follower, profile, now), updatedAt: now },
        { transaction: t },
      );
      return { id: user.id, isNew };
    });
  let result: { id: number; isNew: boolean };
  try {
    result = await attempt();
  } catch (error) {
    if (!(error instanceof UniqueConstraintError)) {
      throw error;
    }
    result = await attempt();
  }
  return { user: await loadWithRoles(result.id), isNew: result.isNew };
}

const TICKET_TTL_MS = 2 * 60_000;

/** A one-time ticket (2 minutes) that the H5 page exchanges for a login token. */
export async function issueLoginTicket(userId: number, now = new Date()): Promise<string> {
  const ticket = randomBytes(32).toString('base64url');
  await withTransaction(services().sequelize, (t) =>
    WechatLoginTicket.create(
      { ticketHash: sha256(ticket), userId, expiresAt: new Date(now.getTime() + TICKET_TTL_MS), usedAt: null },
      { transaction: t },
    ),
  );
  return ticket;
}

/** The user a ticket names, once: a conditional update makes the second exchange find nothing. */
export async function redeemLoginTicket(ticket: string, now = new Date()): Promise<User | null> {
  const ticketHash = sha256(ticket);
  const userId = await withTransaction(services().sequelize, async (t) => {
    const [updated] = await WechatLoginTicket.update(
      { usedAt: now },
      { where: { ticketHash, usedAt: null, expiresAt: { [Op.gt]: now } }, transaction: t },
    );
    if (updated !== 1) {
      return null;
    }
    return (await WechatLoginTicket.findByPk(ticketHash, { transaction: t }))?.userId ?? null;
  });
  return userId === null ? null : loadWithRoles(userId);
}
