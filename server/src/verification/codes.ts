import { Op, literal, type Transaction } from 'sequelize';
import type { VerificationPurpose } from '@wc/shared';
import { nextCounterValue } from '../commands/counters';
import { withTransaction } from '../db/transaction';
import { AppError, fieldError } from '../errors';
import { VerificationCode } from '../models';
import { currentTime, services } from '../services';
import { hashCode, newCode, sameHash } from './hashing';
import { CODE_TTL_SECONDS, MAX_ATTEMPTS, SEND_LIMITS } from './limits';

/** What a code is for: the purpose, the phone it went to, and (for a claim) the number and the account. */
export interface CodeScope {
  purpose: VerificationPurpose;
  phone: string;
  target: string;
}

export interface IssuedCode {
  id: number;
  code: string;
  expiresAt: Date;
}

/** Refuses when one of the send limits is reached; counts every code asked for, sent or not. */
async function checkSendLimits(phone: string, ip: string | null, now: Date, t: Transaction): Promise<void> {
  for (const limit of SEND_LIMITS) {
    if (limit.scope === 'ip' && ip === null) {
      continue;
    }
    const since = new Date(now.getTime() - limit.windowSeconds * 1000);
    const where = limit.scope === 'phone' ? { phone, createdAt: { [Op.gt]: since } } : { ip, createdAt: { [Op.gt]: since } };
    const used = await VerificationCode.count({ where, transaction: t });
    if (used >= limit.max) {
      throw new AppError('RATE_LIMITED', limit.message);
    }
  }
}

/**
 * Stores a new code for `scope` (its hash only) if the limits allow, and returns it for sending.
 * The latest code of a scope is the one that counts: asking again replaces the one before.
 * `delivered` says whether an SMS will really carry it (false for the decoy of a claim that matched
 * nothing: it is stored and limited all the same, so the answers cannot tell the two apart).
 */
export async function issueCode(scope: CodeScope, ip: string | null, delivered: boolean, now = currentTime()): Promise<IssuedCode> {
  const code = newCode();
  const expiresAt = new Date(now.getTime() + CODE_TTL_SECONDS * 1000);
  const row = await withTransaction(services().sequelize, async (t) => {
    // One issuer at a time (every process): two requests for one phone cannot both pass the limits.
    await nextCounterValue('verification_codes', t);
    await checkSendLimits(scope.phone, ip, now, t);
    return VerificationCode.create(
      { ...scope, codeHash: hashCode(scope, code), delivered, ip, expiresAt, usedAt: null, createdAt: now },
      { transaction: t },
    );
  });
  return { id: row.id, code, expiresAt };
}

/** A code that never reached the phone (the platform refused it) does not count against the limits. */
export async function withdrawCode(id: number): Promise<void> {
  await withTransaction(services().sequelize, (t) => VerificationCode.destroy({ where: { id, usedAt: null }, transaction: t }));
}

type Refusal = 'missing' | 'used' | 'expired' | 'locked' | 'wrong';

const MESSAGES: Record<Exclude<Refusal, 'wrong'>, string> = {
  missing: '请先获取验证码',
  used: '验证码已使用，请重新获取',
  expired: '验证码已过期，请重新获取',
  locked: '验证码错误次数过多，已失效，请重新获取',
};

function refusalMessage(refusal: Refusal, remaining: number): string {
  if (refusal !== 'wrong') {
    return MESSAGES[refusal];
  }
  return remaining > 0 ? `验证码不正确，还可以输入${remaining}次` : MESSAGES.locked;
}

type Checked<T> = { ok: true; value: T } | { ok: false; refusal: Refusal; remaining: number };

/**
 * Checks `code` against the latest code of `scope` and, when it is right, runs `effect` in the same
 * transaction as marking the code used: the effect and the use commit together or not at all (an
 * effect refused — a user name taken, a claim lost to another account — leaves the code usable).
 * A wrong entry is counted in its own committed transaction before the refusal is thrown; the
 * MAX_ATTEMPTS-th wrong entry makes the code useless. Refusals are field errors on `field`.
 */
export async function useCode<T>(
  scope: CodeScope,
  code: string,
  field: string,
  effect: (t: Transaction) => Promise<T>,
  now = currentTime(),
): Promise<T> {
  const checked = await withTransaction<Checked<T>>(services().sequelize, async (t) => {
    const row = await VerificationCode.findOne({
      where: { purpose: scope.purpose, phone: scope.phone, target: scope.target },
      order: [['id', 'DESC']],
      transaction: t,
      lock: t.LOCK.UPDATE,
    });
    if (!row) {
      return { ok: false, refusal: 'missing', remaining: 0 };
    }
    if (row.usedAt !== null) {
      return { ok: false, refusal: 'used', remaining: 0 };
    }
    if (row.attempts >= MAX_ATTEMPTS) {
      return { ok: false, refusal: 'locked', remaining: 0 };
    }
    if (row.expiresAt.getTime() <= now.getTime()) {
      return { ok: false, refusal: 'expired', remaining: 0 };
    }
    if (!sameHash(row.codeHash, hashCode(scope, code))) {
      await VerificationCode.update({ attempts: literal('attempts + 1') as unknown as number }, { where: { id: row.id }, transaction: t });
      return { ok: false, refusal: 'wrong', remaining: Math.max(0, MAX_ATTEMPTS - row.attempts - 1) };
    }
    // Conditional: of two requests with the same right code, one uses it and the other is refused.
    const [used] = await VerificationCode.update({ usedAt: now }, { where: { id: row.id, usedAt: null }, transaction: t });
    if (used !== 1) {
      return { ok: false, refusal: 'used', remaining: 0 };
    }
    return { ok: true, value: await effect(t) };
  });
  if (!checked.ok) {
    throw fieldError(field, refusalMessage(checked.refusal, checked.remaining));
  }
  return checked.value;
}
