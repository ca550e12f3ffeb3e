import { createHash } from 'node:crypto';
import { Op, literal } from 'sequelize';
import { withTransaction } from '../db/transaction';
import { SmsQuota } from '../models';
import { currentTime, services } from '../services';
import type { SmsLimits } from './config';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Days are counted in Beijing time, as Aliyun's daily limits are. */
const BEIJING = 8 * HOUR;

interface Window {
  bucket: string;
  limit: number;
  endsAt: Date;
  /** What the delivery record says when this window is full. */
  reason: string;
}

/** A phone number is kept in the counters only as a hash, so the table holds no phone numbers. */
function phoneKey(phone: string): string {
  return createHash('sha256').update(`sms-quota:${phone}`).digest('base64url').slice(0, 22);
}

/**
 * Verification codes have a minute's window of their own, as Aliyun counts its verification
 * templates apart: the window clerk's claim link and the code the customer asks for right after
 * it must both go out. Every other message to a number shares one window (no burst of notices).
 */
function windowsFor(limits: SmsLimits, phone: string, template: string, now: Date): Window[] {
  const kind = template === 'verification_code' ? 'code' : 'notice';
  const t = now.getTime();
  const minuteStart = t - (t % MINUTE);
  const hourStart = t - (t % HOUR);
  const dayStart = t - ((t + BEIJING) % DAY);
  const p = phoneKey(phone);
  const all: Window[] = [
    {
      bucket: `p:${p}:${kind}:m:${minuteStart}`,
      limit: limits.perPhonePerMinute,
      endsAt: new Date(minuteStart + MINUTE),
      reason: `同一号码每分钟最多 ${limits.perPhonePerMinute} 条${kind === 'code' ? '验证码' : '通知'}`,
    },
    {
      bucket: `p:${p}:h:${hourStart}`,
      limit: limits.perPhonePerHour,
      endsAt: new Date(hourStart + HOUR),
      reason: `同一号码每小时最多 ${limits.perPhonePerHour} 条`,
    },
    {
      bucket: `p:${p}:d:${dayStart}`,
      limit: limits.perPhonePerDay,
      endsAt: new Date(dayStart + DAY),
      reason: `同一号码每天最多 ${limits.perPhonePerDay} 条`,
    },
    {
      bucket: `t:d:${dayStart}`,
      limit: limits.totalPerDay,
      endsAt: new Date(dayStart + DAY),
      reason: `全部号码每天合计最多 ${limits.totalPerDay} 条`,
    },
  ];
  // 0: no limit of that kind.
  return all.filter((w) => w.limit > 0);
}

export type QuotaAnswer = { granted: true; release: () => Promise<void> } | { granted: false; reason: string; retryAt: Date };

class Full extends Error {
  constructor(readonly window: Window) {
    super(window.reason);
  }
}

/**
 * Takes one send from every window that applies, all or none, in one transaction. Each window is a
 * row raised with `used = used + 1 WHERE used < limit`, so two senders racing for the last send
 * in a window cannot both get it (row lock on MariaDB, one writer at a time on SQLite). Windows
 * are taken in the same order by everyone, so they cannot deadlock each other.
 */
export async function takeQuota(limits: SmsLimits, phone: string, template: string, now = currentTime()): Promise<QuotaAnswer> {
  const windows = windowsFor(limits, phone, template, now);
  const { sequelize } = services();
  try {
    await withTransaction(sequelize, async (transaction) => {
      for (const w of windows) {
        await SmsQuota.bulkCreate([{ bucket: w.bucket, used: 0, expiresAt: w.endsAt }], { ignoreDuplicates: true, transaction });
        const [taken] = await SmsQuota.update(
          { used: literal('used + 1') as unknown as number },
          { where: { bucket: w.bucket, used: { [Op.lt]: w.limit } }, transaction },
        );
        if (taken !== 1) {
          throw new Full(w);
        }
      }
    });
  } catch (error) {
    if (error instanceof Full) {
      return { granted: false, reason: error.window.reason, retryAt: error.window.endsAt };
    }
    throw error;
  }
  return {
    granted: true,
    // A message the platform refused was not sent: it does not count.
    release: async () => {
      await withTransaction(sequelize, (transaction) =>
        SmsQuota.update(
          { used: literal('used - 1') as unknown as number },
          { where: { bucket: windows.map((w) => w.bucket), used: { [Op.gt]: 0 } }, transaction },
        ),
      );
    },
  };
}

/** Removes windows that ended, so the table stays small. */
export async function sweepQuotas(now = new Date()): Promise<number> {
  return SmsQuota.destroy({ where: { expiresAt: { [Op.lt]: now } } });
}
