import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { VerificationPurpose } from '@wc/shared';
import { services } from '../services';
import { CODE_LENGTH } from './limits';

/** Six random digits (leading zeros kept). */
export function newCode(): string {
  return String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
}

interface CodeScope {
  purpose: VerificationPurpose;
  phone: string;
  target: string;
}

/**
 * A keyed hash (HMAC-SHA256 under a key derived from the server's secret) of a code and what it is
 * for. A plain hash of six digits is undone by trying all million; without the key a copy of the
 * table (a backup) reveals no code, and a code cannot be moved to another phone or purpose.
 */
export function hashCode(scope: CodeScope, code: string): string {
  const key = createHmac('sha256', services().config.jwtSecret).update('verification-code').digest();
  return createHmac('sha256', key).update(`${scope.purpose}|${scope.phone}|${scope.target}|${code}`).digest('hex');
}

/** Compares in constant time, so the answer's timing says nothing about how much of a code was right. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
