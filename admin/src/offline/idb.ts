import type { QueueStore } from './replay';
import type { QueueEntry } from './types';

/**
 * The 待上传 queue in IndexedDB (Blobs are stored as they are, and survive a reload or a closed
 * browser). The raw API in one small file: three calls do not need a library.
 */

const DB_NAME = 'wc-offline';
const STORE = 'entries';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('IndexedDB unavailable'));
    };
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = work(tx.objectStore(STORE));
    // Resolved when the transaction is durable, not when the request is answered.
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error ?? request.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}

export const deviceStore: QueueStore & { add(entry: QueueEntry): Promise<number> } = {
  // Keys increase, so getAll answers in the order the entries were recorded.
  list: () => run('readonly', (s) => s.getAll() as IDBRequest<QueueEntry[]>),
  add: async (entry) => Number(await run('readwrite', (s) => s.add(entry))),
  put: async (entry) => {
    await run('readwrite', (s) => s.put(entry));
  },
  remove: async (id) => {
    await run('readwrite', (s) => s.delete(id));
  },
};
