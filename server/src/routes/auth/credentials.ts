import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { z } from 'zod';
import type { setCredentialsSchema } from '@wc/shared';
import { AppError, fieldError } from '../../errors';
import { hashPassword } from '../../lib/password';
import { User, UserRole } from '../../models';

export const NO_PASSWORD_YET = '本账号由微信登录创建，还没有密码，请在「设置用户名和密码」中设置';

/**
 * Gives an account without a password (made by a WeChat login) the user name and password its
 * owner chose. Refused once the account has a password: from then on 修改密码 asks for the old one.
 */
export async function setFirstCredentials(
  userId: number,
  input: z.output<typeof setCredentialsSchema>,
  t: Transaction | undefined,
): Promise<User> {
  const user = await User.findByPk(userId, { include: [{ model: UserRole, as: 'roles' }], transaction: t, lock: t?.LOCK.UPDATE });
  if (!user) {
    throw new AppError('UNAUTHENTICATED');
  }
  if (user.passwordHash !== null) {
    throw new AppError('CONFLICT', '本账号已设置用户名和密码，如需更改密码请使用「修改密码」');
  }
  const taken = await User.findOne({ where: { username: input.username }, attributes: ['id'], transaction: t });
  if (taken && taken.id !== user.id) {
    throw fieldError('username', '用户名已被使用');
  }
  try {
    await user.update(
      { username: input.username, passwordHash: await hashPassword(input.password), tokenVersion: user.tokenVersion + 1 },
      { transaction: t },
    );
  } catch (error) {
    // Another account took the name in the meantime (or differs only in letter case on MariaDB).
    throw error instanceof UniqueConstraintError ? fieldError('username', '用户名已被使用') : error;
  }
  return user;
}
