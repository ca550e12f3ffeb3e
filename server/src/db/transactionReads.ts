import type { Model, ModelStatic, Transaction } from 'sequelize';

/**
 * Reads remembered for the rest of one transaction. An action reads the application's files,
 * contract and step settings to decide, and its reply presents the application from the same rows;
 * inside one transaction a second read of rows the transaction has not written returns what the
 * first did (SQLite has one writer at a time; MariaDB reads from the transaction's snapshot), so
 * the second read is answered from memory — unless the transaction has written to that table since,
 * which the write hooks below watch. Without a transaction nothing is remembered.
 */
const remembered = new WeakMap<Transaction, Map<string, Promise<unknown>>>();

const SEPARATOR = '\u0000';

/** `load()` once per transaction, table and key; a failed read is not remembered. */
export function readOnce<T>(t: Transaction | undefined | null, table: string, key: string, load: () => Promise<T>): Promise<T> {
  if (!t) {
    return load();
  }
  let reads = remembered.get(t);
  if (!reads) {
    reads = new Map();
    remembered.set(t, reads);
  }
  const entry = `${table}${SEPARATOR}${key}`;
  const known = reads.get(entry);
  if (known) {
    return known as Promise<T>;
  }
  const loading = load();
  reads.set(entry, loading);
  loading.catch(() => reads.delete(entry));
  return loading;
}

/** Forgets a transaction's remembered reads of one table. */
export function forgetReads(t: Transaction | undefined | null, table: string): void {
  const reads = t ? remembered.get(t) : undefined;
  if (!reads) {
    return;
  }
  for (const entry of [...reads.keys()]) {
    if (entry.startsWith(`${table}${SEPARATOR}`)) {
      reads.delete(entry);
    }
  }
}

interface WriteOptions {
  transaction?: Transaction | null;
}

/**
 * Every way Sequelize writes a model (instance saves, static updates and deletes, bulk inserts)
 * makes the writing transaction forget what it read of that table. Writes by hand-written SQL
 * are not seen: the tables registered here have none.
 */
export function forgetReadsOnWrite(model: ModelStatic<Model>): void {
  const table = model.getTableName().toString();
  const afterInstance = (_: unknown, options: WriteOptions) => forgetReads(options.transaction, table);
  const afterBulk = (options: WriteOptions) => forgetReads(options.transaction, table);
  // afterSave follows every instance save, created or updated.
  model.addHook('afterSave', afterInstance);
  model.addHook('afterBulkCreate', afterInstance);
  model.addHook('afterDestroy', afterInstance);
  model.addHook('afterUpsert', afterInstance);
  model.addHook('afterBulkUpdate', afterBulk);
  model.addHook('afterBulkDestroy', afterBulk);
}
