import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The web login's `state`, bound to the browser that started it (against login CSRF: someone else's
 * code and state, opened in the victim's browser, would log the victim in as the attacker).
 *
 * We send WeChat a random nonce as `state` and give the browser a signed, HttpOnly, short-lived
 * cookie holding the same nonce, its expiry and the page to return to. The callback accepts only
 * when the cookie is there, is ours, has not expired and names the nonce WeChat brought back.
 */

export const OAUTH_COOKIE = 'wc_oauth';
/** Sent only to the callback (and set by the start address, which lives under the same path). */
export const OAUTH_COOKIE_PATH = '/api/wechat/oauth';
/** Ten minutes: long enough for WeChat's authorize page, short enough to be useless later. */
export const OAUTH_STATE_TTL_SECONDS = 600;

const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/** A new nonce for `state`: hex, because WeChat passes back only [A-Za-z0-9], at most 128 bytes. */
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/** The cookie value for this nonce and page: `nonce.expiry.hex(page).signature`. */
export function signOauthState(
  input: { nonce: string; path: string },
  secret: string,
  now = new Date(),
): { value: string; maxAgeMs: number } {
  const expires = Math.floor(now.getTime() / 1000) + OAUTH_STATE_TTL_SECONDS;
  const payload = `${input.nonce}.${expires}.${Buffer.from(input.path, 'utf8').toString('hex')}`;
  return { value: `${payload}.${sign(payload, secret)}`, maxAgeMs: OAUTH_STATE_TTL_SECONDS * 1000 };
}

export type OauthStateCheck = { ok: true; path: string } | { ok: false; reason: 'missing' | 'forged' | 'expired' | 'mismatch' };

/** Whether the cookie is ours, still valid and for this `state`; the page to return to when it is. */
export function checkOauthState(value: string | undefined, state: string | undefined, secret: string, now = new Date()): OauthStateCheck {
  if (!value) {
    return { ok: false, reason: 'missing' };
  }
  const match = /^([0-9a-f]{32})\.(\d{1,12})\.((?:[0-9a-f]{2}){1,128})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) {
    return { ok: false, reason: 'forged' };
  }
  const [, nonce = '', expires = '', hexPath = '', signature = ''] = match;
  const expected = Buffer.from(sign(`${nonce}.${expires}.${hexPath}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'forged' };
  }
  if (Number(expires) * 1000 <= now.getTime()) {
    return { ok: false, reason: 'expired' };
  }
  // The nonce travels in the URL anyway: a plain comparison gives nothing away.
  if (state !== nonce) {
    return { ok: false, reason: 'mismatch' };
  }
  return { ok: true, path: Buffer.from(hexPath, 'hex').toString('utf8') };
}
