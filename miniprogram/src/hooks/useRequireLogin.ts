import { useEffect } from 'react';
import { goToLogin } from '../utils/navigation';
import { useSession } from './useSession';
import type { Session } from '../services/session';

/** For pages that only make sense logged in: sends the user to log in and back here. */
export function useRequireLogin(): Session | null {
  const session = useSession();
  useEffect(() => {
    if (!session) {
      goToLogin();
    }
  }, [session]);
  return session;
}
