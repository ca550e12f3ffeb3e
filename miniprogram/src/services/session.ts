import Taro from '@tarojs/taro';
import type { TokenReply, User } from './types';

const KEY = 'wc.session';
/** Pages listen to this to re-render when someone logs in or out. */
export const SESSION_EVENT = 'wc:session';

export interface Session {
  token: string;
  expiresAt: number;
  /** When we received the token (client clock): refresh half-way through its life. */
  issuedAt: number;
  user: User;
}

let cached: Session | null | undefined;

function isSession(value: unknown): value is Session {
  const s = value as Partial<Session> | null;
  return !!s && typeof s.token === 'string' && typeof s.expiresAt === 'number' && typeof s.issuedAt === 'number' && !!s.user;
}

/** The logged-in session kept in storage, or null when logged out or expired. */
export function getSession(): Session | null {
  if (cached === undefined) {
    const stored: unknown = Taro.getStorageSync(KEY);
    cached = isSession(stored) ? stored : null;
  }
  if (cached && cached.expiresAt <= Date.now()) {
    clearSession();
    return null;
  }
  return cached;
}

/** Keeps a login/refresh reply and tells the pages. */
export function saveSession(reply: TokenReply): Session {
  const session: Session = {
    token: reply.token,
    expiresAt: new Date(reply.expiresAt).getTime(),
    issuedAt: Date.now(),
    user: reply.user,
  };
  cached = session;
  Taro.setStorageSync(KEY, session);
  Taro.eventCenter.trigger(SESSION_EVENT, session);
  return session;
}

/** Updates the stored user (after GET /api/auth/me) without touching the token. */
export function updateSessionUser(user: User): void {
  const session = getSession();
  if (session) {
    cached = { ...session, user };
    Taro.setStorageSync(KEY, cached);
  }
}

export function clearSession(): void {
  cached = null;
  Taro.removeStorageSync(KEY);
  Taro.eventCenter.trigger(SESSION_EVENT, null);
}

/** True once half of the token's life has passed: time to ask for a fresh one. */
export function needsRefresh(session: Session, now = Date.now()): boolean {
  return now >= session.issuedAt + (session.expiresAt - session.issuedAt) / 2;
}
