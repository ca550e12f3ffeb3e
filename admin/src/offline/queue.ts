import { API_BASE, authHeader } from '../request';
import { deviceStore } from './idb';
import { fetchSend, replayQueue, type ReplayResult, type Send, type Stop } from './replay';
import type { QueueEntry } from './types';

/**
 * The 待上传 queue of this phone: the entries (kept in IndexedDB), who is watching them, and the
 * runs that send them — when the connection returns ('online'), when the page loads, every half
 * minute while online, and right after an entry is recorded while online.
 */

export interface QueueState {
  entries: QueueEntry[];
  running: boolean;
  /** Why the last run stopped early (shown in the list), or null. */
  stopped: Stop | null;
  /** Entries the server took since the page loaded. */
  sentCount: number;
}

let state: QueueState = { entries: [], running: false, stopped: null, sentCount: 0 };
const listeners = new Set<() => void>();
const settledListeners = new Set<(entry: QueueEntry) => void>();

function publish(change: Partial<QueueState>): void {
  state = { ...state, ...change };
  listeners.forEach((listener) => listener());
}

export function subscribeQueue(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const queueState = (): QueueState => state;

/** Tells `listener` when the server took or refused an entry (the page reloads that application). */
export function onEntrySettled(listener: (entry: QueueEntry) => void): () => void {
  settledListeners.add(listener);
  return () => settledListeners.delete(listener);
}

/** Other tabs of this phone share the queue: each tells the others what changed in it. */
const tabs = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('wc-offline-queue');

type TabMessage = { type: 'changed' } | { type: 'settled'; entry: QueueEntry; sent: boolean };
const tell = (message: TabMessage) => tabs?.postMessage(message);

function announce(entry: QueueEntry, sent: boolean): void {
  if (sent) {
    publish({ sentCount: state.sentCount + 1 });
  }
  settledListeners.forEach((listener) => listener(entry));
}

/** Here and in the other tabs (Blobs stay here: the others need only which application changed). */
function settled(entry: QueueEntry, sent: boolean): void {
  announce(entry, sent);
  tell({ type: 'settled', entry: { ...entry, files: [] }, sent });
}

async function refresh(): Promise<void> {
  publish({ entries: await deviceStore.list() });
}

/** Re-reads the queue after a change made here, and has the other tabs re-read it too. */
async function changed(): Promise<void> {
  await refresh();
  tell({ type: 'changed' });
}

/** The staff page's sender: fetch with the login token, no retries of its own (the queue is the retry). */
const browserSend: Send = fetchSend(API_BASE, authHeader);

let running: Promise<ReplayResult | null> | null = null;
/** Asked again during a run (the connection came back while a try was failing): one more run after it. */
let again = false;

/** Two tabs of the same phone share one queue: one sends at a time (the keys would keep it safe anyway). */
async function exclusive(work: () => Promise<ReplayResult>): Promise<ReplayResult> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) {
    return work();
  }
  let result: ReplayResult = { sent: [], refused: [], stopped: null };
  await locks.request('wc-offline-replay', async () => {
    result = await work();
  });
  return result;
}

/** One run over the queue (a run already going is joined; nothing is sent while the phone says offline). */
export function replayNow(): Promise<ReplayResult | null> {
  if (running) {
    again = true;
    return running;
  }
  if (!navigator.onLine) {
    return Promise.resolve(null);
  }
  const work = async (): Promise<ReplayResult> => {
    publish({ running: true });
    try {
      const result = await replayQueue(deviceStore, browserSend, {
        onChange: () => void changed(),
        onSent: (entry) => settled(entry, true),
        onRefused: (entry) => settled(entry, false),
      });
      publish({ stopped: result.stopped });
      return result;
    } finally {
      await changed();
      publish({ running: false });
    }
  };
  const run = exclusive(work).finally(() => {
    running = null;
    if (again) {
      again = false;
      void replayNow();
    }
  });
  running = run;
  return run;
}

/** Records an entry and, when the phone is online after all, sends it at once. */
export async function enqueue(entry: Omit<QueueEntry, 'id'>): Promise<void> {
  await deviceStore.add(entry as QueueEntry);
  await changed();
  void replayNow();
}

export async function removeEntry(id: number): Promise<void> {
  await deviceStore.remove(id);
  await changed();
  void replayNow();
}

/**
 * 重试: a refused entry is sent again on the application as it is now (the person has read the
 * refusal); a waiting one is just sent now.
 */
export async function retryEntry(entry: QueueEntry): Promise<void> {
  if (entry.status === 'refused') {
    await deviceStore.put({ ...entry, status: 'waiting', refusal: null, expectedVersion: null });
    await changed();
  }
  await replayNow();
}

const RETRY_EVERY_MS = 30_000;
let started = false;

/** Starts the runs once per page load (the layout calls it). */
export function startOfflineQueue(): void {
  if (started || typeof indexedDB === 'undefined') {
    return;
  }
  started = true;
  tabs?.addEventListener('message', (event: MessageEvent<TabMessage>) => {
    if (event.data.type === 'settled') {
      announce(event.data.entry, event.data.sent);
    }
    void refresh();
  });
  window.addEventListener('online', () => void replayNow());
  window.addEventListener('offline', () => publish({ stopped: 'network' }));
  setInterval(() => {
    if (state.entries.length > 0) {
      void replayNow();
    }
  }, RETRY_EVERY_MS);
  void refresh().then(() => replayNow());
}
