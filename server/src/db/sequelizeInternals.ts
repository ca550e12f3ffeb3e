import { version as installedVersion } from 'sequelize/package.json';
import serverPackage from '../../package.json';
import sqliteDriver from './sqliteDriver';

/**
 * The parts of Sequelize 6 that are not its public API and that server/src/db relies on: the
 * better-sqlite3 adapter takes over the SQLite connection manager's handles and answers the SQLite
 * query class's statements, and the hand-written SQL quotes names and stores dates as Sequelize
 * does. A minor or patch release may move any of these without notice, so Sequelize is pinned to
 * one exact version (server/package.json) and every start checks they are still where they were:
 * a moved internal then stops the start with a message naming it, instead of showing up later as
 * a leaked handle, a lost column type or a wrongly quoted name.
 */

/** The version this adapter was written and tested against: the exact pin in server/package.json. */
export const EXPECTED_SEQUELIZE_VERSION: string = serverPackage.dependencies.sequelize;

/** The version actually installed. */
export const INSTALLED_SEQUELIZE_VERSION: string = installedVersion;

type Dialect = 'sqlite' | 'mysql';

interface Internal {
  /** The internal, as the message names it. */
  name: string;
  /** Which of our modules relies on it, and for what. */
  usedBy: string;
  dialects: readonly Dialect[];
  /** Whether it is still there; throwing counts as no. */
  holds(sequelize: object): boolean;
}

const field = (value: unknown, key: string): unknown =>
  (typeof value === 'object' || typeof value === 'function') && value !== null ? (value as Record<string, unknown>)[key] : undefined;

const isFunction = (value: unknown): value is (...args: unknown[]) => unknown => typeof value === 'function';

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** A method called on its owner (undefined when it is not a function). */
function call(owner: unknown, method: string, ...args: unknown[]): unknown {
  const fn = field(owner, method);
  return isFunction(fn) ? fn.apply(owner, args) : undefined;
}

/**
 * Whether a function's source still contains each piece. For behaviour no field shows (which
 * statement Sequelize sends, which manager method a transaction calls); compiled Sequelize
 * sources are stable within one version, and a changed text is exactly what should be re-checked.
 */
function sourceHas(fn: unknown, ...pieces: string[]): boolean {
  if (!isFunction(fn)) {
    return false;
  }
  const source = Function.prototype.toString.call(fn);
  return pieces.every((piece) => source.includes(piece));
}

const queryGenerator = (sequelize: object): unknown => field(call(sequelize, 'getQueryInterface'), 'queryGenerator');
const connectionManager = (sequelize: object): unknown => field(sequelize, 'connectionManager');
const queryClass = (sequelize: object): unknown => field(field(sequelize, 'dialect'), 'Query');
const queryMethod = (sequelize: object, name: string): unknown => field(field(queryClass(sequelize), 'prototype'), name);
// The instance's own Sequelize class (`sequelize.Sequelize`), so that a check of a stand-in reads the stand-in's.
const transactionMethod = (sequelize: object, name: string): unknown =>
  field(field(field(field(sequelize, 'Sequelize'), 'Transaction'), 'prototype'), name);

const INTERNALS: readonly Internal[] = [
  {
    name: 'queryInterface.queryGenerator.quoteIdentifier(name) → `name`',
    usedBy: 'sqlNames.ts (column names of the hand-written SQL; `current_role` is a keyword on MariaDB)',
    dialects: ['sqlite', 'mysql'],
    holds: (s) => call(queryGenerator(s), 'quoteIdentifier', 'probe') === '`probe`',
  },
  {
    name: 'queryInterface.queryGenerator.quoteTable(table) → `table`',
    usedBy: 'sqlNames.ts (table names of the hand-written SQL; on SQLite the query class finds a SELECT’s table by its backquotes)',
    dialects: ['sqlite', 'mysql'],
    holds: (s) => call(queryGenerator(s), 'quoteTable', 'probe') === '`probe`',
  },
  {
    name: 'options.timezone (a string)',
    usedBy: 'selectRows.ts (dates read in the connection’s zone, as the models read them)',
    dialects: ['sqlite', 'mysql'],
    holds: (s) => typeof field(field(s, 'options'), 'timezone') === 'string',
  },
  {
    name: 'connectionManager.lib is the `dialectModule` given (the SQLite connection manager opens handles with it)',
    usedBy: 'sequelize.ts and sqliteDriver.ts (better-sqlite3 behind node-sqlite3’s API)',
    dialects: ['sqlite'],
    holds: (s) => field(connectionManager(s), 'lib') === sqliteDriver,
  },
  {
    name: 'connectionManager.connections (the open SQLite handles by transaction id)',
    usedBy: 'sqliteHandles.ts (a reused handle is registered there for its transaction)',
    dialects: ['sqlite'],
    holds: (s) => {
      const connections = field(connectionManager(s), 'connections');
      return isObject(connections) && !Array.isArray(connections);
    },
  },
  ...['getConnection', 'releaseConnection', 'destroyConnection', '_onProcessExit'].map((method): Internal => ({
    name: `connectionManager.${method}()`,
    usedBy: 'sqliteHandles.ts (handles set up once and kept for the next transaction instead of closed)',
    dialects: ['sqlite'],
    holds: (s) => isFunction(field(connectionManager(s), method)),
  })),
  {
    name: 'a transaction takes its handle with getConnection({ uuid }), tags it with .uuid, and gives it back with releaseConnection() or destroyConnection()',
    usedBy: 'sqliteHandles.ts (idle handles are told apart from the shared one by their uuid)',
    dialects: ['sqlite'],
    holds: (s) =>
      sourceHas(transactionMethod(s, 'prepareEnvironment'), 'uuid: this.id', 'getConnection(', 'connection.uuid = this.id') &&
      sourceHas(transactionMethod(s, 'cleanup'), 'releaseConnection(') &&
      sourceHas(transactionMethod(s, 'forceCleanup'), 'destroyConnection('),
  },
  {
    name: 'the SQLite query class sends statements through serialize() and run()/all(), and asks `PRAGMA table_info(`table`)` with a lone callback before a SELECT',
    usedBy: 'sqliteDriver.ts (implements those calls) and sqliteHandles.ts (remembers the PRAGMA answers per table)',
    dialects: ['sqlite'],
    holds: (s) =>
      sourceHas(queryMethod(s, 'run'), '.serialize(', 'conn[method](', 'conn.all(`PRAGMA table_info(\\`${tableName}\\`)`, (err, results)'),
  },
  {
    name: 'the SQLite query class reads lastID and changes from the statement a callback gets as `this`',
    usedBy: 'sqliteDriver.ts (its Statement carries both)',
    dialects: ['sqlite'],
    holds: (s) =>
      call(field(queryClass(s), 'prototype'), 'getInsertIdField') === 'lastID' &&
      sourceHas(queryMethod(s, '_handleQueryResponse'), 'metaData.changes', 'metaData.constructor.name === "Statement"'),
  },
];

function dialectOf(sequelize: object): Dialect | undefined {
  const name = call(sequelize, 'getDialect');
  return name === 'sqlite' || name === 'mysql' ? name : undefined;
}

/** The internals this instance's dialect relies on that are not as expected, each with who relies on it. */
export function missingSequelizeInternals(sequelize: object): string[] {
  const dialect = dialectOf(sequelize);
  if (!dialect) {
    return [`getDialect() → 'sqlite' or 'mysql' (every module of server/src/db chooses its SQL by it)`];
  }
  return INTERNALS.filter((internal) => internal.dialects.includes(dialect))
    .filter((internal) => {
      try {
        return !internal.holds(sequelize);
      } catch {
        return true;
      }
    })
    .map((internal) => `${internal.name} — relied on by ${internal.usedBy}`);
}

export interface SequelizeVersions {
  installed: string;
  expected: string;
}

/**
 * Throws, naming the Sequelize version found and the one expected, when an internal that
 * server/src/db relies on has moved. Returns a note for the log when the versions differ but
 * everything relied on is in place (then the driver's tests are what is left to run).
 */
export function checkSequelizeInternals(
  sequelize: object,
  versions: SequelizeVersions = { installed: INSTALLED_SEQUELIZE_VERSION, expected: EXPECTED_SEQUELIZE_VERSION },
): string | null {
  const missing = missingSequelizeInternals(sequelize);
  if (missing.length > 0) {
    throw new Error(
      [
        `Sequelize ${versions.installed} is installed, but this server expects Sequelize ${versions.expected} (pinned in server/package.json).`,
        'Its database code (server/src/db) relies on Sequelize internals that are no longer where it expects them:',
        ...missing.map((line) => `  - ${line}`),
        `Run \`npm ci\` to install Sequelize ${versions.expected}, or adapt server/src/db and its internals check (sequelizeInternals.ts) to Sequelize ${versions.installed} and pin that version.`,
      ].join('\n'),
    );
  }
  if (versions.installed !== versions.expected) {
    return `Sequelize ${versions.installed} is installed but ${versions.expected} is expected (server/package.json); the internals server/src/db relies on are in place.`;
  }
  return null;
}
