import type { Sequelize } from 'sequelize';
import type { Database } from './sqliteDriver';

/** The parts of Sequelize's SQLite connection manager this module takes over. */
interface SqliteHandle extends Database {
  uuid?: string;
}
interface SqliteConnectionManager {
  connections: Record<string, SqliteHandle>;
  getConnection(options?: { uuid?: string }): Promise<SqliteHandle>;
  releaseConnection(handle: SqliteHandle, force?: boolean): void;
  destroyConnection(handle: SqliteHandle): Promise<void>;
  _onProcessExit(): Promise<void>;
}

const PRAGMAS = 'PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;';

type Callback = (this: unknown, err: Error | null, rows: unknown[]) => void;

/** The statement Sequelize's SQLite dialect sends before every SELECT (see `rememberColumnTypes`). */
const TABLE_INFO = /^PRAGMA table_info\(`([^`]+)`\)$/;
const SCHEMA_CHANGE = /^\s*(CREATE|ALTER|DROP)\b/i;

/**
 * Sequelize's SQLite dialect asks for a table's column types (`PRAGMA table_info`) before every
 * SELECT on it, to parse dates and numbers in the rows: a second statement for every read —
 * inside a transaction, while it holds the write lock.
 * The answer only changes when the schema does, so it is remembered per table and forgotten when
 * any handle of this database runs a CREATE, ALTER or DROP (migrations run before the server
 * serves; a migration run by another process is followed by a restart).
 */
function rememberColumnTypes(handle: Database, columnTypes: Map<string, unknown[]>): void {
  const all = handle.all.bind(handle) as (sql: string, ...rest: unknown[]) => Database;
  const run = handle.run.bind(handle) as (sql: string, ...rest: unknown[]) => Database;
  const exec = handle.exec.bind(handle) as (sql: string, ...rest: unknown[]) => Database;
  const forgetOnSchemaChange = (sql: unknown) => {
    if (typeof sql === 'string' && SCHEMA_CHANGE.test(sql)) {
      columnTypes.clear();
    }
  };
  Object.assign(handle, {
    all(sql: string, ...rest: unknown[]): Database {
      const table = typeof sql === 'string' ? TABLE_INFO.exec(sql)?.[1] : undefined;
      const callback = rest[0];
      if (table === undefined || rest.length !== 1 || typeof callback !== 'function') {
        forgetOnSchemaChange(sql);
        return all(sql, ...rest);
      }
      const known = columnTypes.get(table);
      if (known) {
        process.nextTick(() => (callback as Callback).call(handle, null, known));
        return handle;
      }
      return all(sql, function (this: unknown, err: Error | null, rows: unknown[]) {
        if (!err) {
          columnTypes.set(table, rows);
        }
        (callback as Callback).call(this, err, rows);
      });
    },
    run(sql: string, ...rest: unknown[]): Database {
      forgetOnSchemaChange(sql);
      return run(sql, ...rest);
    },
    exec(sql: string, ...rest: unknown[]): Database {
      forgetOnSchemaChange(sql);
      return exec(sql, ...rest);
    },
  });
}

function close(handle: Database): Promise<void> {
  return new Promise((resolve) => handle.close(() => resolve()));
}

/**
 * Sequelize's SQLite dialect opens a new database handle for every transaction and closes it when
 * the transaction ends, and it never runs the `afterConnect` hooks, so its handles had neither a
 * busy timeout nor WAL: every write transaction paid for opening the file and reading the schema,
 * and a reader could meet SQLITE_BUSY while a commit rewrote the file. Here every handle is set up
 * once (WAL, so readers and the one writer do not block each other; NORMAL sync, which WAL keeps
 * crash-safe; a busy timeout for a writer in another process), and a transaction's handle goes
 * back to a small idle list instead of being closed, for the next transaction to reuse.
 */
export function tuneSqliteHandles(sequelize: Sequelize): void {
  const manager = sequelize.connectionManager as unknown as SqliteConnectionManager;
  const open = manager.getConnection.bind(manager);
  const closeOpen = manager._onProcessExit.bind(manager);
  const idle: SqliteHandle[] = [];
  const ready = new WeakMap<Database, Promise<void>>();
  const columnTypes = new Map<string, unknown[]>();

  const setUp = (handle: SqliteHandle): Promise<void> => {
    let done = ready.get(handle);
    if (!done) {
      handle.configure('busyTimeout', 10_000);
      rememberColumnTypes(handle, columnTypes);
      done = new Promise<void>((resolve, reject) => handle.exec(PRAGMAS, (err) => (err ? reject(err) : resolve())));
      ready.set(handle, done);
    }
    return done;
  };

  manager.getConnection = async (options = {}) => {
    const uuid = options.uuid ?? 'default';
    const reused = uuid === 'default' ? undefined : idle.pop();
    if (reused) {
      manager.connections[uuid] = reused;
      return reused;
    }
    const handle = await open(options);
    await setUp(handle);
    return handle;
  };
  manager.releaseConnection = (handle) => {
    const uuid = handle.uuid;
    if (uuid && uuid !== 'default' && manager.connections[uuid] === handle) {
      delete manager.connections[uuid];
      idle.push(handle);
    }
  };
  // A handle whose commit or rollback failed is in an unknown state: it is closed, never reused.
  manager.destroyConnection = async (handle) => {
    if (handle.uuid && manager.connections[handle.uuid] === handle) {
      delete manager.connections[handle.uuid];
    }
    await close(handle);
  };
  manager._onProcessExit = async () => {
    await Promise.all(idle.splice(0).map(close));
    await closeOpen();
  };
}
