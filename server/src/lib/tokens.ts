import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';

const ISSUER = 'water-connection';
const AUDIENCE = 'water-connection-api';

const claimsSchema = z.object({
  sub: z.string(),
  tv: z.number().int(),
  kind: z.enum(['staff', 'applicant']),
});

export interface TokenClaims {
  userId: number;
  tokenVersion: number;
  kind: 'staff' | 'applicant';
}

/** Signs a login token (HS256) that expires after `ttlHours`. */
export function signToken(secret: string, claims: TokenClaims, ttlHours: number): { token: string; expiresAt: Date } {
  const expiresIn = Math.round(ttlHours * 3600);
  const token = jwt.sign({ tv: claims.tokenVersion, kind: claims.kind }, secret, {
    algorithm: 'HS256',
    subject: String(claims.userId),
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn,
    // Unique per token: a refresh within the same second still hands out a new token.
    jwtid: randomUUID(),
  });
  return { token, expiresAt: new Date(Date.now() + expiresIn * 1000) };
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'expired' | 'invalid' };

/**
 * The secret as a key object, made once: given a string, jsonwebtoken first tries to read it as a
 * public key and fails with an exception — on every request, a measurable share of a read's time.
 */
let cachedKey: { secret: string; key: KeyObject } | null = null;
function secretKey(secret: string): KeyObject {
  if (cachedKey?.secret !== secret) {
    cachedKey = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
  }
  return cachedKey.key;
}

/** Verifies signature, algorithm (HS256 only: no `none`), issuer, audience and expiry. */
export function verifyToken(secret: string, token: string): TokenCheck {
  try {
    const decoded = jwt.verify(token, secretKey(secret), { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
    const parsed = claimsSchema.safeParse(decoded);
    if (!parsed.success) {
      return { ok: false, reason: 'invalid' };
    }
    const userId = Number(parsed.data.sub);
    if (!Number.isInteger(userId) || userId <= 0) {
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, claims: { userId, tokenVersion: parsed.data.tv, kind: parsed.data.kind } };
  } catch (error) {
    return { ok: false, reason: error instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' };
  }
}
