/**
 * server/src/db relies on Sequelize internals (src/db/sequelizeInternals.ts), so Sequelize is pinned
 * and every start checks them. The check must pass on the version installed, and a moved internal
 * must stop the start with a message naming it and both versions. The moved internals are stand-ins:
 * objects that inherit everything from a real instance but one part, shaped as that part would be
 * after the move; Sequelize itself is never changed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Transaction, type Sequelize } from 'sequelize';
import { createSequelize } from '../../src/db/sequelize';
import {
  checkSequelizeInternals,
  EXPECTED_SEQUELIZE_VERSION,
  INSTALLED_SEQUELIZE_VERSION,
  missingSequelizeInternals,
} from '../../src/db/sequelizeInternals';

/** An object that is `base` in everything but the given own properties. */
function like(base: object, replaced: Record<string, unknown>): object {
  const stand: unknown = Object.create(base, Object.fromEntries(Object.entries(replaced).map(([key, value]) => [key, { value }])));
  return stand as object;
}

const part = (owner: object, key: string): object => Reflect.get(owner, key) as object;

const moved = { installed: '6.99.0', expected: '6.37.8' };

describe('the Sequelize internals server/src/db relies on', () => {
  let sqlite: Sequelize;
  let mysql: Sequelize;

  beforeAll(() => {
    // Neither opens a connection: the check reads only what the constructor set up.
    sqlite = createSequelize({ databaseUrl: 'sqlite::memory:', databaseDialect: 'sqlite' });
    mysql = createSequelize({ databaseUrl: 'mysql://nobody@127.0.0.1:1/none', databaseDialect: 'mysql' });
  });
  afterAll(async () => {
    await sqlite.close();
    await mysql.close();
  });

  it('are pinned: the installed Sequelize is the exact version server/package.json and the lock name', () => {
    expect(EXPECTED_SEQUELIZE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(INSTALLED_SEQUELIZE_VERSION).toBe(EXPECTED_SEQUELIZE_VERSION);
    const lock = JSON.parse(readFileSync(path.join(__dirname, '../../../package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
    };
    expect(lock.packages['node_modules/sequelize']?.version).toBe(EXPECTED_SEQUELIZE_VERSION);
    expect(lock.packages.server?.dependencies?.sequelize).toBe(EXPECTED_SEQUELIZE_VERSION);
  });

  it('are all in place on the installed version, for SQLite and for MariaDB', () => {
    expect(missingSequelizeInternals(sqlite)).toEqual([]);
    expect(missingSequelizeInternals(mysql)).toEqual([]);
    expect(checkSequelizeInternals(sqlite)).toBeNull();
    expect(checkSequelizeInternals(mysql)).toBeNull();
  });

  it('a different version with everything in place is only noted', () => {
    expect(checkSequelizeInternals(sqlite, moved)).toMatch(/Sequelize 6\.99\.0 is installed but 6\.37\.8 is expected/);
  });

  it('stops the start, naming both versions, when the SQLite connection manager no longer keeps its handles in `connections`', () => {
    const manager = like(sqlite.connectionManager, { connections: undefined });
    const stand = like(sqlite, { connectionManager: manager });
    expect(missingSequelizeInternals(stand)).toEqual([expect.stringContaining('connectionManager.connections')]);
    expect(() => checkSequelizeInternals(stand, moved)).toThrow(
      /^Sequelize 6\.99\.0 is installed, but this server expects Sequelize 6\.37\.8 \(pinned in server\/package\.json\)\.\n[^]*connectionManager\.connections[^]*sqliteHandles\.ts/,
    );
  });

  it('stops the start when a connection manager method it takes over is gone', () => {
    const manager = like(sqlite.connectionManager, { _onProcessExit: undefined });
    expect(missingSequelizeInternals(like(sqlite, { connectionManager: manager }))).toEqual([
      expect.stringContaining('connectionManager._onProcessExit()'),
    ]);
  });

  it('stops the start when the SQLite connection manager ignores `dialectModule`', () => {
    const manager = like(sqlite.connectionManager, { lib: { Database: class {} } });
    expect(missingSequelizeInternals(like(sqlite, { connectionManager: manager }))).toEqual([expect.stringContaining('dialectModule')]);
  });

  it('stops the start when the SQLite query class no longer asks PRAGMA table_info the way the handles expect', () => {
    const dialect = part(sqlite, 'dialect');
    const Query = part(dialect, 'Query') as new (...args: unknown[]) => object;
    // The same class, but asking for a table's columns another way.
    class MovedQuery extends Query {
      run(): Promise<void> {
        return Promise.resolve();
      }
    }
    const stand = like(sqlite, { dialect: like(dialect, { Query: MovedQuery }) });
    const missing = missingSequelizeInternals(stand);
    expect(missing).toEqual([expect.stringContaining('PRAGMA table_info')]);
    expect(() => checkSequelizeInternals(stand)).toThrow(
      `Sequelize ${INSTALLED_SEQUELIZE_VERSION} is installed, but this server expects Sequelize ${EXPECTED_SEQUELIZE_VERSION}`,
    );
  });

  it('stops the start when a transaction no longer gives its SQLite handle back through releaseConnection', () => {
    // A transaction class whose cleanup closes the handle itself instead of handing it back.
    class MovedTransaction extends Transaction {
      cleanup(): void {}
    }
    const MovedSequelize = like(sqlite.Sequelize, { Transaction: MovedTransaction });
    expect(missingSequelizeInternals(like(sqlite, { Sequelize: MovedSequelize }))).toEqual([
      expect.stringContaining('releaseConnection()'),
    ]);
  });

  it('stops the start when the query generator no longer quotes names (both databases)', () => {
    for (const sequelize of [sqlite, mysql]) {
      const queryInterface = sequelize.getQueryInterface();
      const generator = like(part(queryInterface, 'queryGenerator'), { quoteIdentifier: undefined });
      const stand = like(sequelize, { getQueryInterface: () => like(queryInterface, { queryGenerator: generator }) });
      // quoteTable quotes through quoteIdentifier: both are reported.
      expect(missingSequelizeInternals(stand)).toEqual([expect.stringContaining('quoteIdentifier'), expect.stringContaining('quoteTable')]);
    }
  });
});
