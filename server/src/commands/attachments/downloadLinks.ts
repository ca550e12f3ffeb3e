import { createHmac, timingSafeEqual } from 'node:crypto';
import { services } from '../../services';

const TTL_SECONDS = 15 * 60;

function signature(attachmentId: number, userId: number, expires: number): string {
  return createHmac('sha256', services().config.jwtSecret).update(`attachment:${attachmentId}:${userId}:${expires}`).digest('base64url');
}

/**
 * A short-lived link to one file for one user, so that `<img src>`, a phone's downloader or
 * `Taro.downloadFile` can fetch it without a login token in the URL. It is checked against the same
 * policy as an authenticated download.
 */
export function signedDownloadPath(
  attachmentId: number,
  userId: number,
  kind: 'download' | 'preview' = 'download',
  now = Date.now(),
): string {
  const expires = Math.floor(now / 1000) + TTL_SECONDS;
  return `/api/attachments/${attachmentId}/${kind}?u=${userId}&e=${expires}&s=${signature(attachmentId, userId, expires)}`;
}

/** The user a signed link was issued to, or null when it is forged or expired. */
export function verifyDownloadLink(attachmentId: number, query: { u?: string; e?: string; s?: string }, now = Date.now()): number | null {
  const userId = Number(query.u);
  const expires = Number(query.e);
  if (!Number.isInteger(userId) || !Number.isInteger(expires) || !query.s || expires * 1000 < now) {
    return null;
  }
  const expected = Buffer.from(signature(attachmentId, userId, expires));
  const given = Buffer.from(query.s);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
}
