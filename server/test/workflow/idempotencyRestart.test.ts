/**
 * Idempotency keys live in the database, not in a process: a client that repeats a request after
 * the server restarted (a deploy, a crash) gets the first reply back and nothing happens twice.
 */
import { HistoryEntry } from '../../src/models';
import { Api } from '../support/api';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import { act, type AppView } from '../support/workflow';

let server: TestServer;
let reviewer: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  reviewer = await createStaff(server.url, ['reviewer']);
});
afterAll(() => server.close());

async function submitted(): Promise<AppView> {
  const applicant = await createApplicant(server.url);
  return (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm())).body.data;
}

it('replays the first reply after the server restarts, and does nothing again', async () => {
  const app = await submitted();
  const key = `approve-${app.id}-across-restart`;
  const first = await act(reviewer.api, app.id, 'approve', {}, { 'Idempotency-Key': key });
  expect(first.status).toBe(200);
  await server.close();
  // The same database and secret on a new process instance: the key lives in the database.
  server = await startTestServer({
    DATA_DIR: server.config.dataDir,
    DATABASE_URL: server.config.databaseUrl,
    JWT_SECRET: server.config.jwtSecret,
  });
  const again = await act(new Api(server.url, reviewer.token), app.id, 'approve', {}, { 'Idempotency-Key': key });
  expect(again.status).toBe(200);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  expect(JSON.stringify(again.body)).toBe(JSON.stringify(first.body));
  expect(await HistoryEntry.count({ where: { applicationId: app.id, action: 'approve' } })).toBe(1);
  const fresh = await act(new Api(server.url, reviewer.token), app.id, 'approve', {}, { 'Idempotency-Key': `${key}-new` });
  expect(fresh.status).toBe(409);
});
