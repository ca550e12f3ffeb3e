import { literal } from 'sequelize';
import { withTransaction } from '../db/transaction';
import { AppError } from '../errors';
import { dummyPasswordHash, verifyPassword } from '../lib/password';
import { signToken } from '../lib/tokens';
import { User, UserRole } from '../models';
import { services } from '../services';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
  user: User;
}

/** Issues a login token for a user. */
export function issueToken(user: User): IssuedToken {
  const { config } = services();
  const { token, expiresAt } = signToken(
    config.jwtSecret,
    { userId: user.id, tokenVersion: user.tokenVersion, kind: user.kind },
    config.auth.tokenTtlHours,
  );
  return { token, expiresAt, user };
}

/**
 * Password login with lockout: after `maxFailedLogins` wrong passwords in a row the account is
 * locked for `lockMinutes`, whatever password comes next. Unknown user names take as long as known
 * ones and get the same answer.
 */
export async function login(username: string, password: string, now = new Date()): Promise<IssuedToken> {
  const { config, sequelize } = services();
  const user = await User.findOne({ where: { username }, include: [{ model: UserRole, as: 'roles' }] });
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    throw new AppError('ACCOUNT_LOCKED');
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok) {
    await withTransaction(sequelize, async (t) => {
      await User.update({ failedLogins: literal('failed_logins + 1') as unknown as number }, { where: { id: user.id }, transaction: t });
      const fresh = await User.findByPk(user.id, { transaction: t });
      if (fresh && fresh.failedLogins >= config.auth.maxFailedLogins) {
        await fresh.update(
          { failedLogins: 0, lockedUntil: new Date(now.getTime() + config.auth.lockMinutes * 60_000) },
          { transaction: t },
        );
      }
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!user.enabled) {
    throw new AppError('ACCOUNT_DISABLED');
  }
  if (user.failedLogins > 0 || user.lockedUntil) {
    await withTransaction(sequelize, (t) => user.update({ failedLogins: 0, lockedUntil: null }, { transaction: t }));
  }
  return issueToken(user);
}
