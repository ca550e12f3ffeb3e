import type { Sequelize, Transaction } from 'sequelize';

/**
 * Serializes write transactions inside one process. SQLite allows one writer at a time and Sequelize
 * opens a separate connection per transaction, so without this queue concurrent requests meet
 * SQLITE_BUSY; on MySQL the queue is not used and row locks do the job.
 */
class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const queues = new WeakMap<Sequelize, WriteQueue>();

const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY']);

/** A deadlock or lock timeout: the database gave up on the transaction, not on the request. */
export function isRetryable(error: unknown): boolean {
  const e = error as { parent?: { code?: string }; original?: { code?: string } } | null;
  const code = e?.parent?.code ?? e?.original?.code;
  return code !== undefined && RETRYABLE.has(code);
}

/**
 * Runs `fn` in one database transaction: all of it commits or none of it does. Deadlocks (MySQL)
 * are retried so that they never reach a client; `fn` must therefore have no effects outside the
 * transaction.
 */
export async function withTransaction<T>(
  sequelize: Sequelize,
  fn: (t: Transaction) => Promise<T>,
  options: { retries?: number } = {},
): Promise<T> {
  const retries = options.retries ?? 4;
  const attempt = () => sequelize.transaction((t) => fn(t));
  for (let tries = 1; ; tries++) {
    try {
      if (sequelize.getDialect() === 'sqlite') {
        let queue = queues.get(sequelize);
        if (!queue) {
          queue = new WriteQueue();
          queues.set(sequelize, queue);
        }
        return await queue.run(attempt);
      }
      return await attempt();
    } catch (error) {
      if (tries > retries || !isRetryable(error)) {
        throw error;
      }
      await new Promise((r) => setTimeout(r, 10 * tries + Math.random() * 20));
    }
  }
}
