import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { SESSION_EVENT, getSession, type Session } from '../services/session';

/** The current session, re-rendering when the user logs in or out. */
export function useSession(): Session | null {
  const [session, setSession] = useState<Session | null>(() => getSession());
  useEffect(() => {
    const listener = (next: Session | null) => setSession(next);
    Taro.eventCenter.on(SESSION_EVENT, listener);
    return () => {
      Taro.eventCenter.off(SESSION_EVENT, listener);
    };
  }, []);
  return session;
}
