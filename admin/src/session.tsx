import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { forgetReplies } from './hooks/useRequest';
import { configureRequests, request } from './request';
import type { LoginReply, MeView, SessionUser } from './types';

/**
 * Who is logged in. The token and the user live in localStorage so that the installed phone app
 * and a reload keep the login until it expires; the first screen renders from it without waiting
 * for the server, and the user is refreshed from /api/auth/me in the background.
 */

const STORAGE_KEY = 'wc.admin.session';
const REFRESH_BEFORE_MS = 2 * 3600 * 1000;

export interface StoredSession {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

function readStored(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) {
      return null;
    }
    const stored = JSON.parse(raw) as StoredSession;
    if (!stored.token || Date.parse(stored.expiresAt) <= Date.now()) {
      localStorage.removeItem(STORAGE_KEY);
      return null;
    }
    return stored;
  } catch {
    return null;
  }
}

function writeStored(session: StoredSession | null): void {
  if (session) {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } else {
    localStorage.removeItem(STORAGE_KEY);
  }
}

let current: StoredSession | null = readStored();
/** Why the last session ended, shown once on the login page. */
let endReason: string | null = null;
const listeners = new Set<() => void>();

function setCurrent(session: StoredSession | null): void {
  if (session?.user.id !== current?.user.id) {
    // Nobody is shown data asked for, or kept, with another login.
    forgetReplies();
  }
  current = session;
  writeStored(session);
  listeners.forEach((listener) => listener());
}

configureRequests({
  token: () => current?.token ?? null,
  onUnauthorized: (code) => {
    endReason = code === 'TOKEN_EXPIRED' ? '登录已过期，请重新登录' : '登录已失效，请重新登录';
    setCurrent(null);
  },
});

/** The stored login, read before the app renders (boot/prefetch.ts asks for the first screen's data with it). */
export function storedSession(): StoredSession | null {
  return current;
}

/** The reason the previous session ended, once. */
export function takeEndReason(): string | null {
  const reason = endReason;
  endReason = null;
  return reason;
}

/** Starts a session from a login reply; staff only (applicants use the mini program). */
export function startSession(reply: LoginReply): void {
  if (reply.user.kind !== 'staff') {
    throw new Error('此入口仅供自来水公司工作人员使用，报装用户请使用微信小程序或公众号');
  }
  setCurrent({ token: reply.token, expiresAt: reply.expiresAt, user: reply.user });
}

interface SessionValue {
  user: SessionUser | null;
  logout(): void;
  /** Replaces the stored session after a password change (older tokens stop working). */
  replace(reply: LoginReply): void;
}

const SessionContext = createContext<SessionValue>({ user: null, logout: () => undefined, replace: () => undefined });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<StoredSession | null>(current);

  useEffect(() => {
    const listener = () => setSession(current);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);

  const token = session?.token;
  useEffect(() => {
    if (!token) {
      return undefined;
    }
    let cancelled = false;
    // Roles may have changed since the login: refresh the user quietly.
    request<MeView>('/auth/me')
      .then(({ data }) => {
        if (!data) {
          return;
        }
        // The session keeps the user as the login reply gives it; /me adds whether the account has
        // a password, which is no change of the user (counted as one, every first screen after a
        // login rendered twice).
        const { hasPassword: _hasPassword, ...user } = data;
        // Only when something changed: a new session object re-renders every screen.
        if (!cancelled && current?.token === token && JSON.stringify(user) !== JSON.stringify(current.user)) {
          setCurrent({ ...current, user });
        }
      })
      .catch(() => undefined);
    const refresh = () => {
      if (current && Date.parse(current.expiresAt) - Date.now() < REFRESH_BEFORE_MS) {
        request<LoginReply>('/auth/refresh', { method: 'POST' })
          .then(({ data }) => setCurrent({ token: data.token, expiresAt: data.expiresAt, user: data.user }))
          .catch(() => undefined);
      }
    };
    refresh();
    const timer = window.setInterval(refresh, 10 * 60 * 1000);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [token]);

  const logout = useCallback(() => setCurrent(null), []);
  const replace = useCallback((reply: LoginReply) => setCurrent({ token: reply.token, expiresAt: reply.expiresAt, user: reply.user }), []);
  const value = useMemo(() => ({ user: session?.user ?? null, logout, replace }), [session, logout, replace]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  return useContext(SessionContext);
}
