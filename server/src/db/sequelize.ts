import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { Sequelize, Transaction } from 'sequelize';
import type { Config } from '../config';
import sqliteDriver from './sqliteDriver';
import { tuneSqliteHandles } from './sqliteHandles';

/** Opens the database named by the configuration: an embedded SQLite file, or MySQL/MariaDB. */
export function createSequelize(config: Pick<Config, 'databaseUrl' | 'databaseDialect'>, logger?: Logger): Sequelize {
  // Sequelize formats a log line for every query when given a function: only when it is wanted.
  const logging = logger?.isLevelEnabled('trace') ? (sql: string) => logger.trace({ sql }, 'sql') : false;
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
    // better-sqlite3 behind node-sqlite3's API: see sqliteDriver.ts.
    dialectModule: sqliteDriver,
    storage,
    logging,
    // IMMEDIATE takes the write lock at BEGIN, so a second writer waits (busy_timeout) instead of
    // failing with SQLITE_BUSY when it later tries to upgrade a read lock.
    transactionType: Transaction.TYPES.IMMEDIATE,
    define: { underscored: true },
  });
  tuneSqliteHandles(sequelize);
  return sequelize;
}
