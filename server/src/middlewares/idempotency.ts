import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import { UniqueConstraintError } from 'sequelize';
import type { AppState } from '../context';
import { AppError, fieldError } from '../errors';
import { canonicalJson } from '../lib/hashChain';
import { IdempotencyKey } from '../models';

/**
 * Honours an `Idempotency-Key` header: the first request with a key runs and its reply is stored in
 * the same transaction as its effects; repeats (also concurrent ones, also after a restart) get that
 * reply and change nothing. A failed request stores nothing, so it can be retried. Must run inside
 * `transaction()`.
 */
export function idempotent(): Middleware<AppState> {
  return async function idempotencyMiddleware(ctx, next) {
    const key = ctx.get('Idempotency-Key');
    const user = ctx.state.user;
    if (!key || !user) {
      await next();
      return;
    }
    if (!/^[\x21-\x7e]{8,100}$/.test(key)) {
      throw fieldError('Idempotency-Key', 'Idempotency-Key 应为8到100个可见字符');
    }
    const t = ctx.state.transaction;
    if (!t) {
      throw new Error('idempotent() must run inside transaction()');
    }
    const requestHash = createHash('sha256')
      .update(`${ctx.method} ${ctx.path}\n${canonicalJson((ctx.request as { body?: unknown }).body ?? null)}`)
      .digest('hex');

    const replay = (stored: IdempotencyKey) => {
      if (stored.requestHash !== requestHash) {
        throw new AppError('IDEMPOTENCY_MISMATCH');
      }
      ctx.status = stored.statusCode ?? 200;
      ctx.body = stored.responseBody ? (JSON.parse(stored.responseBody) as unknown) : null;
      ctx.set('Idempotent-Replayed', 'true');
    };

    // The key is claimed by inserting it: nearly every key is new, and the unique index decides
    // between repeats without a read first (a repeat's insert fails, or waits for the first
    // request's transaction and then fails, and the repeat reads the stored reply).
    let row: IdempotencyKey;
    try {
      row = await IdempotencyKey.create(
        { userId: user.id, idemKey: key, method: ctx.method, path: ctx.path, requestHash, statusCode: null, responseBody: null },
        // The table's NOT NULL constraints are the check: the model declares no validators.
        { transaction: t, validate: false },
      );
    } catch (error) {
      if (!(error instanceof UniqueConstraintError)) {
        throw error;
      }
      // A request with this key committed first (a repeat, or a concurrent twin): a locking read sees its row.
      const winner = await IdempotencyKey.findOne({ where: { userId: user.id, idemKey: key }, transaction: t, lock: t.LOCK.SHARE });
      if (!winner) {
        throw error;
      }
      replay(winner);
      return;
    }
    await next();
    // Written by id, not through the instance: nothing of it is read again, and the instance's
    // change tracking and save path cost more than the statement (every action pays this).
    await IdempotencyKey.update(
      { statusCode: ctx.status, responseBody: JSON.stringify(ctx.body ?? null) },
      { where: { id: row.id }, transaction: t, validate: false },
    );
  };
}
