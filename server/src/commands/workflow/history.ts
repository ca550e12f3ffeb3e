import type { Transaction } from 'sequelize';
import type { Clock, StateKey } from '@wc/shared';
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
  /** The 原因类别 chosen (reason actions): a copy of the payload's, for counting. */
  reasonCategoryId?: number | null;
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

/** The head of an application's history chain, as its row holds it. */
export interface ChainHead {
  historySeq: number;
  historyHash: string | null;
}

/** An entry chained to its application's head: what to insert, and the application's new head. */
export interface ChainedEntry {
  entry: NewHistoryEntry & { seq: number; durationMs: number; prevHash: string | null; hash: string };
  head: { historySeq: number; historyHash: string };
}

/** The entry an action appended: its id links the files it took and its notifications. */
export interface AppendedEntry {
  id: number;
  seq: number;
  hash: string;
}

/**
 * Chains an entry of an application's history (报装记录) to the head its row holds. The caller
 * writes the new head with its update of the application — conditional on the version it read, so
 * two entries can never take the same place — and then inserts the entry (`insertHistory`); the
 * unique (application, seq) index is the last line of defence.
 */
export function chainEntry(entry: NewHistoryEntry, head: ChainHead): ChainedEntry {
  const seq = head.historySeq + 1;
  const prevHash = head.historyHash;
  const durationMs = entry.stepStartedAt ? Math.max(0, entry.at.getTime() - entry.stepStartedAt.getTime()) : 0;
  const hash = chainHash(prevHash, historyHashContent({ ...entry, seq }));
  return { entry: { ...entry, seq, durationMs, prevHash, hash }, head: { historySeq: seq, historyHash: hash } };
}

/** Inserts a chained entry in the caller's transaction: the one place history rows are written. */
export async function insertHistory(chained: ChainedEntry, t: Transaction): Promise<AppendedEntry> {
  // No validation pass: the model declares no validators, and the table's constraints refuse a bad row.
  const row = await HistoryEntry.create(chained.entry, { transaction: t, validate: false });
  return { id: row.id, seq: chained.entry.seq, hash: chained.entry.hash };
}
