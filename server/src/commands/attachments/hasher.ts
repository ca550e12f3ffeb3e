import { createHash } from 'node:crypto';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface StreamHasher {
  /** Resolves when the hasher is ready for more (it may lag behind a fast upload). */
  update(chunk: Buffer): Promise<void> | undefined;
  digest(): Promise<string>;
  abort(): void;
}

/** In-thread hashing: cheapest for the small files that most uploads are. */
function inlineHasher(): StreamHasher {
  const hash = createHash('sha256');
  return {
    update: (chunk) => {
      hash.update(chunk);
      return undefined;
    },
    digest: () => Promise.resolve(hash.digest('hex')),
    abort: () => undefined,
  };
}

/** Bytes sent to the worker but not yet hashed, beyond which the upload waits (bounded memory). */
const MAX_IN_FLIGHT = 8 * 1024 * 1024;

/**
 * Hashing on another core: for large drawings the main thread's parsing and writing and the hash
 * run side by side instead of one after the other (measured by `npm run bench:upload`).
 */
function workerHasher(): StreamHasher {
  const worker = new Worker(path.join(__dirname, 'hashWorker.cjs'));
  let sent = 0;
  let done = 0;
  let waiting: (() => void) | null = null;
  let finish: ((hex: string) => void) | null = null;
  let fail: ((error: Error) => void) | null = null;
  const result = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  result.catch(() => undefined);
  worker.on('message', (message: { done?: number; digest?: string }) => {
    if (message.digest !== undefined) {
      finish?.(message.digest);
      return;
    }
    done = message.done ?? done;
    if (waiting && sent - done <= MAX_IN_FLIGHT / 2) {
      const resume = waiting;
      waiting = null;
      resume();
    }
  });
  worker.once('error', (error) => fail?.(error));
  return {
    update: (chunk) => {
      worker.postMessage(chunk);
      sent += chunk.length;
      return sent - done > MAX_IN_FLIGHT ? new Promise<void>((resolve) => (waiting = resolve)) : undefined;
    },
    digest: () => {
      worker.postMessage(null);
      return result;
    },
    abort: () => void worker.terminate(),
  };
}

/** Files announced (Content-Length) above this size are hashed on a worker thread. */
const PARALLEL_FROM = 16 * 1024 * 1024;

export function createHasher(expectedBytes: number | undefined): StreamHasher {
  return expectedBytes !== undefined && expectedBytes >= PARALLEL_FROM ? workerHasher() : inlineHasher();
}
