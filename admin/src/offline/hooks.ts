import { useState, useSyncExternalStore } from 'react';
import { queueState, subscribeQueue, type QueueState } from './queue';
import type { QueueEntry } from './types';

function subscribeOnline(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** Whether the phone says it has a connection (updated on 'online'/'offline'). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

export function useOfflineQueue(): QueueState {
  return useSyncExternalStore(subscribeQueue, queueState, queueState);
}

/**
 * Whether an open form should record the action on the phone: it was opened without a connection,
 * or the connection dropped while it was open. It stays so until the form closes, so that what the
 * person typed is not swapped for another form when the signal flickers back.
 */
export function useOfflineMode(open: boolean): boolean {
  const online = useOnline();
  const [latched, setLatched] = useState(false);
  // Adjusted while rendering (React's pattern for state derived from props), not in an effect.
  if (latched && !open) {
    setLatched(false);
  } else if (!latched && open && !online) {
    setLatched(true);
  }
  return open && (latched || !online);
}

/** Entries that wait behind a refused entry of the same application (they are not sent until it is dealt with). */
export function blockedIds(entries: readonly QueueEntry[]): Set<number> {
  const refused = new Set<number>();
  const blocked = new Set<number>();
  for (const entry of entries) {
    if (entry.status === 'refused') {
      refused.add(entry.applicationId);
    } else if (refused.has(entry.applicationId) && entry.id !== undefined) {
      blocked.add(entry.id);
    }
  }
  return blocked;
}
