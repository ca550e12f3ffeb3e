import type { Transaction } from 'sequelize';
import { recordAudit } from '../commands/audit';
import { moveApplicant } from '../commands/applicationRows';
import { OutboxMessage, User } from '../models';
import { services } from '../services';

/**
 * An account the web login created for a follower before we knew their unionid: no password, no
 * mini-program openid, no other unionid. Only that follower row leads to it, so once the follower
 * is linked to the account with their unionid, nobody can reach it any more.
 */
function reachableOnlyByFollower(user: User, unionid: string): boolean {
  return (
    user.kind === 'applicant' && user.passwordHash === null && user.openid === null && (user.unionid === null || user.unionid === unionid)
  );
}

/**
 * Before a follower moves from account `fromUserId` to `to` (the account with their unionid): when
 * `from` is a duplicate only the follower reached, what it owns — applications and progress
 * messages — moves to `to` in the same transaction, and it is disabled with its sessions ended,
 * with an audit record. An account with its own login (a password, a mini-program openid) is never
 * merged: resolves false, and the follower stays where it is.
 */
export async function absorbDuplicate(fromUserId: number, to: User, unionid: string, t: Transaction, now = new Date()): Promise<boolean> {
  if (fromUserId === to.id) {
    return true;
  }
  const from = await User.findByPk(fromUserId, { transaction: t, lock: t.LOCK.UPDATE });
  if (!from) {
    return true;
  }
  if (!reachableOnlyByFollower(from, unionid)) {
    services().logger.warn(
      { fromUserId: from.id, toUserId: to.id },
      'wechat follower is linked to an account with its own login and the same person has another: not merged',
    );
    return false;
  }
  const applicationIds = await moveApplicant(from.id, to.id, t);
  const [messages] = await OutboxMessage.update(
    { recipientUserId: to.id },
    { where: { recipientUserId: from.id, audience: 'applicant' }, transaction: t },
  );
  await from.update({ enabled: false, tokenVersion: from.tokenVersion + 1 }, { transaction: t });
  await recordAudit(
    {
      actorUserId: null,
      action: 'user.merge_wechat',
      targetType: 'user',
      targetId: to.id,
      data: { fromUserId: from.id, applicationIds, messages },
    },
    t,
    now,
  );
  return true;
}
