import type { Sequelize } from 'sequelize';
import type { Database } from 'sqlite3';

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

  const setUp = (handle: SqliteHandle): Promise<void> => {
    let done = ready.get(handle);
    if (!done) {
      handle.configure('busyTimeout', 10_000);
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
