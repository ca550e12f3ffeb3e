import { createHash } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { UniqueConstraintError } from 'sequelize';
import { AppError, fieldError } from '../../errors';
import { canonicalJson } from '../../lib/hashChain';
import { IdempotencyKey } from '../../models';

/**
 * `Idempotency-Key` for uploads. The JSON routes' middleware (middlewares/idempotency.ts) claims the
 * key in the request's transaction before the handler runs; an upload has no transaction while its
 * file arrives (minutes on a phone's network), so the same contract is kept in two steps instead:
 * a stored reply is looked up as soon as the fields have arrived — a retry after a lost answer is
 * replayed before its file is read, so a phone does not send 8 MB again — and the key is claimed
 * in the transaction that writes the attachment row, so two copies of one upload racing each other
 * store one file (the loser's object is removed and it replays the winner's reply).
 */
export interface UploadKey {
  userId: number;
  key: string;
  method: string;
  path: string;
  /** What the key promises: the same path, category and name (the file itself names the key on the client). */
  requestHash: string;
}

/** A stored reply to send again instead of storing the file a second time. */
export class UploadReplay extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super('upload replayed');
  }
}

/** The key of an upload request, or null without the header. */
export function uploadKey(
  header: string,
  userId: number,
  request: { method: string; path: string },
  fields: { category?: string; displayName?: string },
): UploadKey | null {
  if (!header) {
    return null;
  }
  if (!/^[\x21-\x7e]{8,100}$/.test(header)) {
    throw fieldError('Idempotency-Key', 'Idempotency-Key 应为8到100个可见字符');
  }
  const requestHash = createHash('sha256')
    .update(
      `${request.method} ${request.path}\n${canonicalJson({ category: fields.category ?? null, displayName: fields.displayName ?? null })}`,
    )
    .digest('hex');
  return { userId, key: header, method: request.method, path: request.path, requestHash };
}

function replayOf(stored: IdempotencyKey, key: UploadKey): UploadReplay {
  if (stored.requestHash !== key.requestHash) {
    throw new AppError('IDEMPOTENCY_MISMATCH');
  }
  return new UploadReplay(stored.statusCode ?? 201, stored.responseBody ? (JSON.parse(stored.responseBody) as unknown) : null);
}

/** Throws the stored reply when this key already stored a file (checked before the file is read). */
export async function replayStoredUpload(key: UploadKey | null): Promise<void> {
  if (!key) {
    return;
  }
  const stored = await IdempotencyKey.findOne({ where: { userId: key.userId, idemKey: key.key } });
  if (stored) {
    throw replayOf(stored, key);
  }
}

/**
 * Claims the key in the transaction that writes the row; `reply` is stored with it. A twin that
 * committed first makes this throw its reply (after the caller's rollback removes this copy).
 */
export async function claimUploadKey(key: UploadKey, t: Transaction): Promise<(reply: unknown) => Promise<void>> {
  let row: IdempotencyKey;
  try {
    row = await IdempotencyKey.create(
      {
        userId: key.userId,
        idemKey: key.key,
        method: key.method,
        path: key.path,
        requestHash: key.requestHash,
        statusCode: null,
        responseBody: null,
      },
      { transaction: t },
    );
  } catch (error) {
    if (!(error instanceof UniqueConstraintError)) {
      throw error;
    }
    const winner = await IdempotencyKey.findOne({ where: { userId: key.userId, idemKey: key.key }, transaction: t, lock: t.LOCK.SHARE });
    if (!winner) {
      throw error;
    }
    throw replayOf(winner, key);
  }
  return async (reply) => {
    await row.update({ statusCode: 201, responseBody: JSON.stringify(reply) }, { transaction: t });
  };
}
