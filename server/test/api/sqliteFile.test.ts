/**
 * The embedded database is one file that more than one process may open (the server, a worker
 * process, a backup or a report reading it): a long read elsewhere does not stop staff from saving,
 * and while another handle holds the write lock, staff reading the list go on working and a staff
 * member's write waits for the lock instead of failing (and bad input is refused without waiting).
 */
import path from 'node:path';
import { Database } from '../../src/db/sqliteDriver';
import { Api } from '../support/api';
import { createStaff, enterpriseForm, unique, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';

const onSqlite = process.env.TEST_DB === 'mysql' ? describe.skip : describe;

function run(db: Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, (err) => (err ? reject(err) : resolve())));
}

onSqlite('the embedded database file shared with another process', () => {
  let server: TestServer;
  let clerk: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    clerk = await createStaff(server.url, ['window_clerk']);
  });
  afterAll(() => server.close());

  it('saves while another process holds a long read of the file open', async () => {
    const other = new Database(path.join(server.config.dataDir, 'test.sqlite'));
    try {
      await run(other, 'BEGIN');
      await run(other, 'SELECT COUNT(*) FROM applications');
      const name = unique('读取期间的单位');
      const written = await clerk.api.post<{ data: { name: string } }>('/api/applications', enterpriseForm({ name }));
      expect(written.status).toBe(201);
      expect(written.body.data.name).toBe(name);
      await run(other, 'COMMIT');
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('keeps reads answering and makes a write wait while another handle holds the write lock', async () => {
    const first = await clerk.api.post<{ data: { id: number } }>('/api/applications', enterpriseForm({ name: unique('先到的单位') }));
    expect(first.status).toBe(201);

    const other = new Database(path.join(server.config.dataDir, 'test.sqlite'));
    try {
      await run(other, 'BEGIN IMMEDIATE');
      await run(other, `UPDATE applications SET address = address WHERE id = ${first.body.data.id}`);

      const list = await clerk.api.get<{ data: unknown[] }>('/api/applications');
      expect(list.status).toBe(200);
      expect(list.body.data.length).toBeGreaterThanOrEqual(1);

      // Bad input is refused at the edge, before any transaction: it never waits for the lock.
      const refusedAt = Date.now();
      const refused = await clerk.api.post<{ error: { code: string; details?: { path: string }[] } }>(
        `/api/applications/${first.body.data.id}/actions/record_payment`,
        { amount: -5 },
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error.details?.map((d) => d.path)).toEqual(expect.arrayContaining(['amount', 'paidOn']));
      expect(Date.now() - refusedAt).toBeLessThan(1000);

      const name = unique('后到的单位');
      const started = Date.now();
      const writing = clerk.api.post<{ data: { name: string } }>('/api/applications', enterpriseForm({ name }));
      await new Promise((r) => setTimeout(r, 2000));
      await run(other, 'COMMIT');
      const written = await writing;
      expect(written.status).toBe(201);
      expect(written.body.data.name).toBe(name);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);

      const after = await new Api(server.url, clerk.token).get<{ data: { name: string }[] }>('/api/applications');
      expect(after.body.data.map((a) => a.name)).toContain(name);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});
