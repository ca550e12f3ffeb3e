import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { Sequelize, Transaction } from 'sequelize';
import type { Config } from '../config';
import { checkSequelizeInternals } from './sequelizeInternals';
import sqliteDriver from './sqliteDriver';
import { tuneSqliteHandles } from './sqliteHandles';

/**
 * Every connection reads at READ COMMITTED. Our transactions decide on rows they have locked (an
 * action locks its application, then reads its contract, files and settings). Under InnoDB's default
 * REPEATABLE READ the transaction's first plain read — the idempotency lookup, say — fixes a
 * snapshot, and every later plain read returns that snapshot even after the lock was granted: an
 * action that waited for another one's lock saw the new application row but the old contract, and
 * approved a contract stage that the owner had just rejected. At READ COMMITTED each statement reads
 * what is committed when it runs, so whatever was read after the lock is what the lock protects.
 * Set once per connection (not per transaction: no extra statement per request).
 */
async function readCommitted(connection: unknown): Promise<void> {
  const conn = connection as { query(sql: string, cb: (error: Error | null) => void): void };
  await new Promise<void>((resolve, reject) =>
    conn.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED', (error) => (error ? reject(error) : resolve())),
  );
}

/** Opens the database named by the configuration: an embedded SQLite file, or MySQL/MariaDB. */
export function createSequelize(config: Pick<Config, 'databaseUrl' | 'databaseDialect'>, logger?: Logger): Sequelize {
  // Sequelize formats a log line for every query when given a function: only when it is wanted.
  const logging = logger?.isLevelEnabled('trace') ? (sql: string) => logger.trace({ sql }, 'sql') : false;
  if (config.databaseDialect === 'mysql') {
    const mysql = new Sequelize(config.databaseUrl.replace(/^mariadb:/, 'mysql:'), {
      dialect: 'mysql',
      // MariaDB here refuses named zones; China has one fixed offset.
      timezone: '+08:00',
      logging,
      pool: { max: 20, min: 0, idle: 10_000, acquire: 30_000 },
      dialectOptions: { supportBigNumbers: true, bigNumberStrings: false, decimalNumbers: true },
      define: { underscored: true },
      hooks: { afterConnect: readCommitted },
    });
    checked(mysql, logger);
    return mysql;
  }
  const storage = config.databaseUrl.replace(/^sqlite:(\/\/)?/, '');
  if (storage !== ':memory:') {
    mkdirSync(path.dirname(storage), { recursive: true });
  }
  const sequelize = new Sequelize({
    dialect: 'sqlite',
    // better-sqlite3 behind node-sqlite3's API: see sqliteDriver.ts.
    dialectModule: sqliteDriver,
    storage,
    logging,
    // IMMEDIATE takes the write lock at BEGIN, so a second writer waits (busy_timeout) instead of
    // failing with SQLITE_BUSY when it later tries to upgrade a read lock.
    transactionType: Transaction.TYPES.IMMEDIATE,
    define: { underscored: true },
  });
  // Before the handles are taken over: what is checked is Sequelize's own connection manager.
  checked(sequelize, logger);
  tuneSqliteHandles(sequelize);
  return sequelize;
}

/**
 * Stops the start when a Sequelize internal that server/src/db relies on has moved (see
 * sequelizeInternals.ts); a different version with everything in place is only noted.
 */
function checked(sequelize: Sequelize, logger?: Logger): void {
  const note = checkSequelizeInternals(sequelize);
  if (note) {
    logger?.warn(note);
  }
}
