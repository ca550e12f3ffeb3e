/**
 * Production migrates as its own deploy step (MIGRATE_ON_START=false): a server facing an older
 * schema refuses to start with a message saying what to run, instead of failing on live requests.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer } from '../support/testServer';

it('refuses to start on an unmigrated database until npm run db:migrate has run, then starts', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wc-startup-'));
  const env = { DATA_DIR: dir, DATABASE_URL: `sqlite:${path.join(dir, 'app.sqlite')}` };
  await expect(startTestServer({ ...env, MIGRATE_ON_START: 'false' })).rejects.toThrow(/pending: 0001.*npm run db:migrate/);

  const migrating = await startTestServer(env);
  await migrating.close();

  const server = await startTestServer({ ...env, MIGRATE_ON_START: 'false' });
  try {
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
  } finally {
    await server.close();
  }
});
