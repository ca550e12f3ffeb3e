/**
 * The embedded database's driver runs statements on the event loop's thread (src/db/sqliteDriver.ts).
 * What staff would notice if it waited the way SQLite's own busy timeout does: while another
 * connection holds the write lock — another process, or a transaction of this very server — the
 * whole server would stop answering, and a transaction of the same process could never commit.
 * So a refused statement waits on a timer and goes through once the lock is free; after the busy
 * budget it fails as node-sqlite3 failed (SQLITE_BUSY, which the API answers with 409).
 * A long job of statements leaves room for the server's requests between them. Through Sequelize,
 * values go in and come back as the models wrote them with node-sqlite3.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataTypes, UniqueConstraintError, type Sequelize } from 'sequelize';
import { Database } from '../../src/db/sqliteDriver';
import { createSequelize } from '../../src/db/sequelize';

function call(fn: (done: (err: Error | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => fn((err) => (err ? reject(err) : resolve())));
}

describe('the embedded database driver', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'wc-sqlite-driver-'));
    file = path.join(dir, 'db.sqlite');
    const setup = new Database(file);
    await call((done) => setup.exec('PRAGMA journal_mode=WAL; CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)', done));
    await call((done) => setup.close(done));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('waits for another connection’s write lock without stopping the event loop, then writes', async () => {
    const holder = new Database(file);
    const writer = new Database(file);
    writer.configure('busyTimeout', 5_000);
    await call((done) => holder.run('BEGIN IMMEDIATE', done));
    await call((done) => holder.run("INSERT INTO notes (body) VALUES ('held')", done));

    let ticks = 0;
    const ticking = setInterval(() => (ticks += 1), 10);
    const started = Date.now();
    const written = new Promise<{ lastID?: number; changes?: number }>((resolve, reject) =>
      writer.run('INSERT INTO notes (body) VALUES ($1)', ['waited'], function (err) {
        return err ? reject(err) : resolve({ lastID: this.lastID, changes: this.changes });
      }),
    );
    // The lock is released by a timer: it could never fire if the writer's wait held the thread.
    setTimeout(() => holder.run('COMMIT'), 300);
    const result = await written;
    clearInterval(ticking);

    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    // The timer that commits is the proof the thread was free; the ticks show it stayed free the
    // whole wait, not once. They fire every 10 ms on an idle machine (30 here), but CI runs the
    // suites in parallel on two cores and timers come late, so only a few are asked for: a
    // writer that held the thread would let none through.
    expect(ticks).toBeGreaterThanOrEqual(3);
    expect(result).toEqual({ lastID: 2, changes: 1 });
    const rows = await new Promise<unknown[]>((resolve, reject) =>
      writer.all('SELECT body FROM notes ORDER BY id', (err, r) => (err ? reject(err) : resolve(r ?? []))),
    );
    expect(rows).toEqual([{ body: 'held' }, { body: 'waited' }]);
    await call((done) => holder.close(done));
    await call((done) => writer.close(done));
  });

  it('gives up with SQLITE_BUSY once its busy budget is spent', async () => {
    const holder = new Database(file);
    const writer = new Database(file);
    writer.configure('busyTimeout', 200);
    await call((done) => holder.run('BEGIN IMMEDIATE', done));
    const started = Date.now();
    const failure = await new Promise<Error & { code?: string }>((resolve) =>
      writer.run("INSERT INTO notes (body) VALUES ('late')", (err) => resolve(err as Error)),
    );
    expect(failure.code).toBe('SQLITE_BUSY');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await call((done) => holder.run('ROLLBACK', done));
    await call((done) => holder.close(done));
    await call((done) => writer.close(done));
  });

  it('lets timers and sockets run between the statements of a long job', async () => {
    const db = new Database(file);
    let ticks = 0;
    const ticking = setInterval(() => (ticks += 1), 1);
    const started = Date.now();
    let statements = 0;
    // A report or a sweep: statement after statement, each awaiting the one before.
    while (statements < 200 || Date.now() - started < 200) {
      await new Promise<void>((resolve, reject) => db.all('SELECT COUNT(*) AS n FROM notes', (err) => (err ? reject(err) : resolve())));
      statements += 1;
    }
    clearInterval(ticking);
    // Answered straight away (process.nextTick), no timer would fire until the job ended. Each
    // 1 ms tick comes late when CI loads both cores, so a handful is asked for, not 200.
    expect(ticks).toBeGreaterThanOrEqual(5);
    await call((done) => db.close(done));
  });

  describe('under Sequelize', () => {
    let sequelize: Sequelize;
    beforeAll(() => {
      sequelize = createSequelize({ databaseUrl: `sqlite:${path.join(dir, 'models.sqlite')}`, databaseDialect: 'sqlite' });
    });
    afterAll(() => sequelize.close());

    it('stores booleans, nulls and dates, numbers new rows and reports a duplicate as a unique violation', async () => {
      const Account = sequelize.define(
        'Account',
        {
          name: { type: DataTypes.STRING, unique: true },
          enabled: DataTypes.BOOLEAN,
          note: DataTypes.STRING,
          lockedUntil: DataTypes.DATE,
        },
        { tableName: 'accounts', underscored: true },
      );
      await Account.sync();
      const until = new Date('2026-11-29T08:30:00.123Z');
      const created = await Account.bulkCreate([
        { name: '窗口', enabled: true, note: null, lockedUntil: until },
        { name: '收费', enabled: false, note: '夜班', lockedUntil: null },
      ]);
      expect(created.map((a) => a.get('id'))).toEqual([1, 2]);

      const rows = await Account.findAll({ order: [['id', 'ASC']] });
      expect(rows.map((a) => [a.get('name'), a.get('enabled'), a.get('note')])).toEqual([
        ['窗口', true, null],
        ['收费', false, '夜班'],
      ]);
      expect((rows[0]?.get('lockedUntil') as Date).toISOString()).toBe(until.toISOString());

      const [changed] = await Account.update({ enabled: true }, { where: { name: '收费' } });
      expect(changed).toBe(1);
      await expect(Account.create({ name: '窗口', enabled: true })).rejects.toBeInstanceOf(UniqueConstraintError);
      expect(await Account.count()).toBe(2);
    });
  });
});
