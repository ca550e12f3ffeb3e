import { Op } from 'sequelize';
import { chainHash } from '../lib/hashChain';
import { Application, AuditEvent, HistoryEntry } from '../models';
import { auditHashContent } from './audit';
import { historyHashContent } from './workflow/history';

export interface ChainProblem {
  table: 'application_history' | 'audit_events';
  id: number;
  applicationId?: number;
  /** `head`: the application's row names another last entry (the newest ones were deleted or replaced). */
  problem: 'hash' | 'link' | 'seq' | 'head';
}

const BATCH = 1000;

/**
 * Re-computes every hash of the append-only tables and checks each row points at its predecessor:
 * an edited, deleted or inserted row breaks the chain at that point, and each application's history
 * must end at the head its row holds.
 */
export async function verifyChains(): Promise<{ checked: number; problems: ChainProblem[] }> {
  const problems: ChainProblem[] = [];
  let checked = 0;

  // History: one chain per application, in seq order.
  const last = new Map<number, { hash: string; seq: number; id: number }>();
  for (let after = 0; ;) {
    const rows = await HistoryEntry.findAll({ where: { id: { [Op.gt]: after } }, order: [['id', 'ASC']], limit: BATCH });
    if (rows.length === 0) {
      break;
    }
    for (const row of rows) {
      checked += 1;
      const previous = last.get(row.applicationId);
      if ((previous?.seq ?? 0) + 1 !== row.seq) {
        problems.push({ table: 'application_history', id: row.id, applicationId: row.applicationId, problem: 'seq' });
      }
      if ((previous?.hash ?? null) !== row.prevHash) {
        problems.push({ table: 'application_history', id: row.id, applicationId: row.applicationId, problem: 'link' });
      }
      const expected = chainHash(row.prevHash, historyHashContent(row));
      if (expected !== row.hash) {
        problems.push({ table: 'application_history', id: row.id, applicationId: row.applicationId, problem: 'hash' });
      }
      last.set(row.applicationId, { hash: row.hash, seq: row.seq, id: row.id });
    }
    after = rows[rows.length - 1]?.id ?? after;
  }

  // Each application's row holds the head of its chain: deleting the newest entries leaves a chain
  // that is whole in itself, but no longer ends where the application says it does.
  for (let after = 0; ;) {
    const apps = await Application.findAll({
      attributes: ['id', 'historySeq', 'historyHash'],
      where: { id: { [Op.gt]: after } },
      order: [['id', 'ASC']],
      limit: BATCH,
    });
    if (apps.length === 0) {
      break;
    }
    for (const app of apps) {
      const tail = last.get(app.id);
      if ((tail?.seq ?? 0) !== app.historySeq || (tail?.hash ?? null) !== app.historyHash) {
        problems.push({ table: 'application_history', id: tail?.id ?? 0, applicationId: app.id, problem: 'head' });
      }
    }
    after = apps[apps.length - 1]?.id ?? after;
  }

  // Audit events: one chain over the whole table.
  let previous: string | null = null;
  for (let after = 0; ;) {
    const rows = await AuditEvent.findAll({ where: { id: { [Op.gt]: after } }, order: [['id', 'ASC']], limit: BATCH });
    if (rows.length === 0) {
      break;
    }
    for (const row of rows) {
      checked += 1;
      if (row.prevHash !== previous) {
        problems.push({ table: 'audit_events', id: row.id, problem: 'link' });
      }
      if (chainHash(row.prevHash, auditHashContent(row)) !== row.hash) {
        problems.push({ table: 'audit_events', id: row.id, problem: 'hash' });
      }
      previous = row.hash;
    }
    after = rows[rows.length - 1]?.id ?? after;
  }
  return { checked, problems };
}
