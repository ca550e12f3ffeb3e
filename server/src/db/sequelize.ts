import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { Sequelize, Transaction } from 'sequelize';
import type { Database } from 'sqlite3';
import type { Config } from '../config';

/** Opens the database named by the configuration: an embedded SQLite file, or MySQL/MariaDB. */
export function createSequelize(config: Pick<Config, 'databaseUrl' | 'databaseDialect'>, logger?: Logger): Sequelize {
  const logging = logger ? (sql: string) => logger.trace({ sql }, 'sql') : false;
  if (config.databaseDialect === 'mysql') {
    return new Sequelize(config.databaseUrl.replace(/^mariadb:/, 'mysql:'), {
      dialect: 'mysql',
      // MariaDB here refuses named zones; China has one fixed offset.
      timezone: '+08:00',
      logging,
      pool: { max: 20, min: 0, idle: 10_000, acquire: 30_000 },
      dialectOptions: { supportBigNumbers: true, bigNumberStrings: false, decimalNumbers: true },
      define: { underscored: true },
    });
  }
  const storage = config.databaseUrl.replace(/^sqlite:(\/\/)?/, '');
  if (storage !== ':memory:') {
    mkdirSync(path.dirname(storage), { recursive: true });
  }
  const sequelize = new Sequelize({
    dialect: 'sqlite',
    storage,
    logging,
    // IMMEDIATE takes the write lock at BEGIN, so a second writer waits (busy_timeout) instead of
    // failing with SQLITE_BUSY when it later tries to upgrade a read lock.
    transactionType: Transaction.TYPES.IMMEDIATE,
    define: { underscored: true },
  });
  sequelize.addHook('afterConnect', async (connection: unknown) => {
    const db = connection as Database;
    db.configure('busyTimeout', 10_000);
    await new Promise<void>((resolve, reject) => {
      db.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;', (err) => (err ? reject(err) : resolve()));
    });
  });
  return sequelize;
}
