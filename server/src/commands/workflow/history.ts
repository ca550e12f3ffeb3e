import type { Transaction } from 'sequelize';
import type { Clock, StateKey } from '@wc/shared';
import { selectRows } from '../../db/selectRows';
import { insertRows } from '../../db/writeRows';
import { chainHash } from '../../lib/hashChain';
import { HistoryEntry } from '../../models';

export interface NewHistoryEntry {
  applicationId: number;
  action: string;
  actionLabel: string;
  fromState: StateKey | null;
  toState: StateKey;
  actorUserId: number | null;
  actorRole: string | null;
  actorName: string | null;
  comment: string | null;
  attachmentIds: number[];
  payload: Record<string, unknown>;
  stepStartedAt: Date | null;
  at: Date;
  clock: Clock;
  newStep: boolean;
}

/** The fields a history entry's hash covers. */
export function historyHashContent(entry: NewHistoryEntry & { seq: number }): Record<string, unknown> {
  return {
    applicationId: entry.applicationId,
    seq: entry.seq,
    action: entry.action,
    fromState: entry.fromState,
    toState: entry.toState,
    actorUserId: entry.actorUserId,
    actorRole: entry.actorRole,
    comment: entry.comment,
    attachmentIds: entry.attachmentIds,
    payload: entry.payload,
    stepStartedAt: entry.stepStartedAt,
    at: entry.at,
    clock: entry.clock,
    newStep: entry.newStep,
  };
}

/** The entry an action appended: its id links the files it took and its notifications. */
export interface AppendedEntry {
  id: number;
  seq: number;
  hash: string;
}

/**
 * Appends an entry to an application's history (报装记录) inside the caller's transaction, chained to
 * the previous entry by hash. The caller holds the application's version lock, so seq is free; the
 * unique (application, seq) index is the last line of defence. Every action writes one: by hand
 * (db/writeRows.ts).
 */
export async function appendHistory(entry: NewHistoryEntry, t: Transaction): Promise<AppendedEntry> {
  // Every action reads the chain's head: hand-written, as it is only two columns.
  const [last] = await selectRows<{ seq: number; hash: string }>(
    HistoryEntry,
    'SELECT seq, hash FROM application_history WHERE application_id = ? ORDER BY seq DESC LIMIT 1',
    [entry.applicationId],
    t,
  );
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? null;
  const durationMs = entry.stepStartedAt ? Math.max(0, entry.at.getTime() - entry.stepStartedAt.getTime()) : 0;
  const hash = chainHash(prevHash, historyHashContent({ ...entry, seq }));
  const id = await insertRows(HistoryEntry, [{ ...entry, seq, durationMs, prevHash, hash }], t);
  return { id, seq, hash };
}
