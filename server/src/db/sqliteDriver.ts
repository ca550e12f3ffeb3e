import BetterSqlite3 from 'better-sqlite3';
import { keepAtMost } from '../lib/boundedMap';

/**
 * The SQLite driver under Sequelize: better-sqlite3, given the part of node-sqlite3's API that
 * Sequelize's SQLite dialect and `sqliteHandles.ts` use (Sequelize 6 takes it as `dialectModule`).
 *
 * Why: node-sqlite3 sends every statement through libuv's thread pool — prepare, step and finalize
 * each a trip there and back to the event loop — while a write transaction holds the database's
 * one write lock; a transition's seven statements held it for about 5 ms, and the embedded install
 * managed 150–200 transitions a second. better-sqlite3 runs a statement in microseconds on the
 * calling thread (the same statements of a transition, one client: 1,000/s through node-sqlite3,
 * 14,000/s through better-sqlite3). Callbacks still come back asynchronously, as Sequelize expects.
 *
 * The one thing a synchronous driver must not do is wait: SQLite's busy timeout would stop the
 * event loop while another connection holds the write lock — and when that connection belongs to
 * a transaction of this same process, nothing could ever release it. So the handle's own timeout
 * is 0, and a statement refused with SQLITE_BUSY is tried again on a timer, within the budget set
 * by `configure('busyTimeout', ms)`, as node-sqlite3's busy handler did in its thread.
 */

// node-sqlite3's open flags, the two Sequelize passes.
const OPEN_READWRITE = 0x00000002;
const OPEN_CREATE = 0x00000004;

/** How many prepared statements a handle keeps: every statement the server sends, with room to spare. */
const STATEMENT_CACHE_SIZE = 500;

type Params = unknown[] | Record<string, unknown>;
type RowsCallback = (this: Statement, err: Error | null, rows?: unknown[]) => void;
type RunCallback = (this: Statement, err: Error | null) => void;
type DoneCallback = (err: Error | null) => void;

/**
 * What a callback sees as `this`, as in node-sqlite3: Sequelize reads `lastID` and `changes`
 * (own properties) after an INSERT or UPDATE, and checks the class's name for a bulk insert's ids.
 */
export class Statement {
  lastID?: number;
  changes?: number;
}

/** node-sqlite3 binds booleans as 1/0 and undefined as NULL; better-sqlite3 refuses both. */
function bindable(value: unknown): unknown {
  if (typeof value === 'boolean') {
    return value ? 1 : 0;
  }
  return value === undefined ? null : value;
}

/** Sequelize binds `$1`, `$2`… with an array; better-sqlite3 binds named parameters from an object. */
function bindings(sql: string, params: Params | undefined): unknown[] {
  if (params === undefined) {
    return [];
  }
  if (Array.isArray(params)) {
    if (params.length && /\$\d/.test(sql)) {
      return [Object.fromEntries(params.map((v, i) => [String(i + 1), bindable(v)]))];
    }
    return params.map(bindable);
  }
  const named: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    named[key.replace(/^[$:@]/, '')] = bindable(value);
  }
  return [named];
}

const isBusy = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
};

/**
 * The error as node-sqlite3 raised it: Sequelize and our retries read `code` ('SQLITE_BUSY', …).
 * Not checked with `instanceof Error`: the native module builds its errors from the class it was
 * first loaded with, which under jest belongs to another test file's globals.
 */
function asDriverError(error: unknown): Error {
  if (typeof error !== 'object' || error === null) {
    return new Error(String(error));
  }
  if (isBusy(error)) {
    Object.assign(error, { code: 'SQLITE_BUSY' });
  }
  return error as Error;
}

interface Job {
  work: () => unknown;
  done: (err: Error | null, result?: unknown) => void;
  started: number;
  wait: number;
}

export class Database {
  readonly filename: string;
  private readonly db: BetterSqlite3.Database;
  private busyTimeoutMs = 0;
  private readonly queue: Job[] = [];
  /**
   * Prepared statements by their text. Preparing was a tenth of the API's CPU under a burst of
   * transitions: the same few dozen statements are sent again and again. Statements with values
   * written into their text are prepared anew each time and only crowd the oldest out.
   */
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(filename: string, mode?: number | DoneCallback, callback?: DoneCallback) {
    const done = typeof mode === 'function' ? mode : callback;
    const flags = typeof mode === 'number' ? mode : OPEN_READWRITE | OPEN_CREATE;
    this.filename = filename;
    try {
      this.db = new BetterSqlite3(filename, {
        readonly: (flags & OPEN_READWRITE) === 0,
        fileMustExist: (flags & OPEN_CREATE) === 0,
        timeout: 0,
      });
    } catch (error) {
      // node-sqlite3 reports a failed open through the callback; the object is then unusable.
      this.db = undefined as unknown as BetterSqlite3.Database;
      process.nextTick(() => done?.(asDriverError(error)));
      return;
    }
    process.nextTick(() => done?.(null));
  }

  /** node-sqlite3 queues statements when not serialized; here every statement runs in turn anyway. */
  serialize(fn?: () => void): void {
    fn?.();
  }

  configure(option: string, value: number): void {
    if (option === 'busyTimeout') {
      this.busyTimeoutMs = value;
    }
  }

  run(sql: string, params?: Params | RunCallback, callback?: RunCallback): this {
    const [values, done] = typeof params === 'function' ? [undefined, params] : [params, callback];
    this.attempt(
      () => {
        const info = this.prepared(sql).run(...bindings(sql, values));
        const statement = new Statement();
        statement.lastID = Number(info.lastInsertRowid);
        statement.changes = info.changes;
        return statement;
      },
      (err, statement) => done?.call((statement as Statement | undefined) ?? new Statement(), err),
    );
    return this;
  }

  all(sql: string, params?: Params | RowsCallback, callback?: RowsCallback): this {
    const [values, done] = typeof params === 'function' ? [undefined, params] : [params, callback];
    this.attempt(
      () => {
        const statement = this.prepared(sql);
        if (statement.reader) {
          return statement.all(...bindings(sql, values));
        }
        statement.run(...bindings(sql, values));
        return [];
      },
      (err, rows) => done?.call(new Statement(), err, err ? undefined : (rows as unknown[])),
    );
    return this;
  }

  private prepared(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      keepAtMost(this.statements, STATEMENT_CACHE_SIZE, sql, statement);
    }
    return statement;
  }

  exec(sql: string, callback?: DoneCallback): this {
    this.attempt(
      () => {
        this.db.exec(sql);
        return null;
      },
      (err) => callback?.(err),
    );
    return this;
  }

  close(callback?: DoneCallback): void {
    let err: Error | null = null;
    try {
      this.db?.close();
    } catch (error) {
      err = asDriverError(error);
    }
    process.nextTick(() => callback?.(err));
  }

  /**
   * Queues `work` behind this handle's earlier statements and runs them in order: one refused with
   * SQLITE_BUSY is tried again on a timer, and the ones after it wait, as they waited behind it in
   * node-sqlite3 (a later write must never overtake an earlier one on the same handle).
   */
  private attempt(work: () => unknown, done: (err: Error | null, result?: unknown) => void): void {
    this.queue.push({ work, done, started: 0, wait: 1 });
    if (this.queue.length === 1) {
      // Answer asynchronously, as node-sqlite3 does (Sequelize sets things up after the call
      // returns), and after the event loop has seen to sockets and timers: answered at once
      // (nextTick), a job of many statements would keep every HTTP request waiting until it ended.
      setImmediate(() => this.drain());
    }
  }

  /** A callback that throws must not stop the statements queued behind it. */
  private answer(job: Job, err: Error | null, result?: unknown): void {
    try {
      job.done(err, result);
    } catch (error) {
      process.nextTick(() => {
        throw error;
      });
    }
  }

  private drain(): void {
    for (let job = this.queue[0]; job; job = this.queue[0]) {
      job.started ||= Date.now();
      let result: unknown;
      try {
        result = job.work();
      } catch (error) {
        if (isBusy(error) && Date.now() - job.started < this.busyTimeoutMs) {
          setTimeout(() => this.drain(), job.wait);
          job.wait = Math.min(job.wait * 2, 50);
          return;
        }
        this.queue.shift();
        this.answer(job, asDriverError(error));
        continue;
      }
      this.queue.shift();
      this.answer(job, null, result);
    }
  }
}

export default { Database, Statement, OPEN_READWRITE, OPEN_CREATE };
