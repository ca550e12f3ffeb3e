import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { z } from 'zod';
import type { registerWithCodeSchema, resetPasswordSchema } from '@wc/shared';
import { recordAudit } from '../../commands/audit';
import { AppError, fieldError } from '../../errors';
import { hashPassword } from '../../lib/password';
import { User } from '../../models';
import { currentTime } from '../../services';
import { useCode } from '../../verification/codes';

/**
 * 手机号注册 and 忘记密码: the two account changes a code sent to the phone proves. Each runs in the
 * transaction that uses the code, so a refusal (a taken user name) leaves the code usable.
 */

/** Registers an applicant account whose phone has just received the code (`register`). */
export async function registerWithCode(input: z.output<typeof registerWithCodeSchema>, ip: string, now = currentTime()): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return useCode({ purpose: 'register', phone: input.phone, target: '' }, input.smsCode, 'smsCode', async (t) => {
    if (await User.findOne({ where: { username: input.username }, attributes: ['id'], transaction: t })) {
      throw fieldError('username', '用户名已被使用');
    }
    try {
      const user = await User.create(
        {
          username: input.username,
          passwordHash,
          displayName: input.displayName,
          phone: input.phone,
          kind: 'applicant',
          applicantKind: input.kind,
          lockedUntil: null,
          openid: null,
          unionid: null,
          privacyAgreedAt: now,
        },
        { transaction: t },
      );
      await recordAudit({ actorUserId: user.id, action: 'applicant.register_by_sms', targetType: 'user', targetId: user.id, ip }, t, now);
      return user;
    } catch (error) {
      // Taken in the meantime by a registration that committed first.
      throw error instanceof UniqueConstraintError ? fieldError('username', '用户名已被使用') : error;
    }
  });
}

/** Applicant accounts holding a phone; `true` when a code for 忘记密码 is worth sending. */
export async function hasApplicantWithPhone(phone: string): Promise<boolean> {
  return (await User.count({ where: { phone, kind: 'applicant' } })) > 0;
}

async function accountToReset(phone: string, username: string | undefined, t: Transaction): Promise<User> {
  const accounts = await User.findAll({
    where: { phone, kind: 'applicant', ...(username ? { username } : {}) },
    order: [['id', 'ASC']],
    transaction: t,
    lock: t.LOCK.UPDATE,
  });
  const [only, ...more] = accounts;
  if (!only) {
    // The phone is proved, so naming what is wrong reveals nothing to a stranger.
    throw username ? fieldError('username', '该手机号下没有这个用户名') : fieldError('phone', '该手机号没有注册账号');
  }
  if (more.length > 0) {
    throw fieldError('username', '该手机号注册了多个账号，请填写要找回密码的用户名');
  }
  return only;
}

/**
 * 忘记密码: a new password for the applicant account of a phone that has just received the code.
 * The lockout is lifted and every earlier session ends (the token version moves on).
 */
export async function resetPasswordWithCode(input: z.output<typeof resetPasswordSchema>, ip: string, now = currentTime()): Promise<User> {
  const passwordHash = await hashPassword(input.newPassword);
  return useCode({ purpose: 'reset_password', phone: input.phone, target: '' }, input.smsCode, 'smsCode', async (t) => {
    const user = await accountToReset(input.phone, input.username, t);
    if (!user.enabled) {
      throw new AppError('ACCOUNT_DISABLED');
    }
    await user.update({ passwordHash, failedLogins: 0, lockedUntil: null, tokenVersion: user.tokenVersion + 1 }, { transaction: t });
    await recordAudit(
      { actorUserId: user.id, action: 'applicant.reset_password_by_sms', targetType: 'user', targetId: user.id, ip },
      t,
      now,
    );
    return user;
  });
}
