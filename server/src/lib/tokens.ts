import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { keepAtMost } from './boundedMap';

const ISSUER = 'water-connection';
const AUDIENCE = 'water-connection-api';

const claimsSchema = z.object({
  sub: z.string(),
  tv: z.number().int(),
  kind: z.enum(['staff', 'applicant']),
  exp: z.number().optional(),
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

/**
 * Tokens whose signature and claims were checked, with their expiry: a client sends the same token
 * with every call for hours, and checking an HMAC, decoding and validating its claims again each
 * time was a few per cent of a read's CPU. The text of a token is what was signed, so the same text
 * needs no second check of its signature; the expiry is still checked at each use, and whether the
 * account may still log in is the login check's (per request, against the database), not this.
 */
const VERIFIED_KEPT = 10_000;
let verified: { key: KeyObject; tokens: Map<string, { claims: TokenClaims; expiresAtMs: number }> } | null = null;

/** Verifies signature, algorithm (HS256 only: no `none`), issuer, audience and expiry. */
export function verifyToken(secret: string, token: string): TokenCheck {
  const key = secretKey(secret);
  if (verified?.key !== key) {
    verified = { key, tokens: new Map() };
  }
  const known = verified.tokens.get(token);
  if (known) {
    return known.expiresAtMs > Date.now() ? { ok: true, claims: known.claims } : { ok: false, reason: 'expired' };
  }
  try {
    const decoded = jwt.verify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
    const parsed = claimsSchema.safeParse(decoded);
    if (!parsed.success) {
      return { ok: false, reason: 'invalid' };
    }
    const userId = Number(parsed.data.sub);
    if (!Number.isInteger(userId) || userId <= 0) {
      return { ok: false, reason: 'invalid' };
    }
    const claims: TokenClaims = { userId, tokenVersion: parsed.data.tv, kind: parsed.data.kind };
    if (typeof parsed.data.exp === 'number') {
      keepAtMost(verified.tokens, VERIFIED_KEPT, token, { claims, expiresAtMs: parsed.data.exp * 1000 });
    }
    return { ok: true, claims };
  } catch (error) {
    return { ok: false, reason: error instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' };
  }
}
