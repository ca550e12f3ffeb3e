/**
 * Migration 0005 moves each application's history chain head onto its row. On a database that
 * already has applications it must fill the heads in from their histories, so that actions go on
 * chaining where the history ends and `npm run audit:verify` finds nothing — on both databases.
 */
import { QueryTypes } from 'sequelize';
import { verifyChains } from '../../src/commands/integrity';
import { migrator } from '../../src/db/migrate';
import { services } from '../../src/services';
import { createApplicant, createStaff, enterpriseForm } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import { must, type AppView } from '../support/workflow';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('fills in the chain heads of existing applications, and actions chain on from them', async () => {
  const applicant = await createApplicant(server.url);
  const reviewer = await createStaff(server.url, ['reviewer']);
  const app = (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm())).body.data;
  await must(reviewer.api, app.id, 'return', { comment: '缺少材料' });
  await must(applicant.api, app.id, 'resubmit');

  const { sequelize } = services();
  const heads = () =>
    sequelize.query<{ id: number; history_seq: number; history_hash: string | null }>(
      'SELECT id, history_seq, history_hash FROM applications ORDER BY id',
      { type: QueryTypes.SELECT },
    );
  const before = await heads();
  expect(before.find((h) => h.id === app.id)?.history_seq).toBe(3);

  // As a database from before the migration: no heads on the rows.
  await migrator(sequelize).down({ to: '0005-history-head' });
  const [row] = await sequelize.query<Record<string, unknown>>('SELECT * FROM applications WHERE id = ?', {
    replacements: [app.id],
    type: QueryTypes.SELECT,
  });
  expect(Object.keys(row ?? {}).filter((k) => k.startsWith('history'))).toEqual([]);

  await migrator(sequelize).up();
  expect(await heads()).toEqual(before);
  await must(reviewer.api, app.id, 'approve');
  expect((await verifyChains()).problems).toEqual([]);
});
