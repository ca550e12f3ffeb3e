import { verifyChains } from '../../src/commands/integrity';
import { services } from '../../src/services';
import { HistoryEntry } from '../../src/models';
import { createApplicant, createStaff, enterpriseForm, unique } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import { must, type AppView } from '../support/workflow';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('append-only history and audit, hash-chained', () => {
  it('verifies an untouched chain and points at an edited or deleted row', async () => {
    const applicant = await createApplicant(server.url);
    const reviewer = await createStaff(server.url, ['reviewer']);
    const admin = await createStaff(server.url, ['admin']);
    const app = (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm())).body.data;
    await must(reviewer.api, app.id, 'return', { comment: '缺少材料' });
    await must(applicant.api, app.id, 'resubmit');
    await must(reviewer.api, app.id, 'approve');
    expect(
      (await admin.api.post('/api/users', { username: unique('u'), displayName: '新同事', password: 'abc12345', roles: ['surveyor'] }))
        .status,
    ).toBe(201);

    const clean = await verifyChains();
    expect(clean.problems).toEqual([]);
    expect(clean.checked).toBeGreaterThanOrEqual(5);

    const entries = await HistoryEntry.findAll({ where: { applicationId: app.id }, order: [['seq', 'ASC']] });
    const returned = entries.find((e) => e.action === 'return');
    const { sequelize } = services();
    await sequelize.query('UPDATE application_history SET comment = ? WHERE id = ?', { replacements: ['材料齐全', returned?.id] });
    const edited = await verifyChains();
    expect(edited.problems).toEqual([{ table: 'application_history', id: returned?.id, applicationId: app.id, problem: 'hash' }]);

    await sequelize.query('UPDATE application_history SET comment = ? WHERE id = ?', { replacements: ['缺少材料', returned?.id] });
    const resubmit = entries.find((e) => e.action === 'resubmit');
    await sequelize.query(
      'UPDATE audit_events SET data = ? WHERE id = (SELECT id FROM (SELECT MAX(id) AS id FROM audit_events) AS latest)',
      {
        replacements: ['{"roles":["admin"]}'],
      },
    );
    // Removing a row (after unhooking what references it) breaks the link of the next one.
    await sequelize.query('UPDATE outbox SET history_id = NULL WHERE history_id = ?', { replacements: [resubmit?.id] });
    await sequelize.query('DELETE FROM application_history WHERE id = ?', { replacements: [resubmit?.id] });
    const broken = await verifyChains();
    const approve = entries.find((e) => e.action === 'approve');
    expect(broken.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'application_history', id: approve?.id, problem: 'link' }),
        expect.objectContaining({ table: 'application_history', id: approve?.id, problem: 'seq' }),
        expect.objectContaining({ table: 'audit_events', problem: 'hash' }),
      ]),
    );
  });

  it('points at an application whose newest entries were deleted (its row holds the head of its chain)', async () => {
    const applicant = await createApplicant(server.url);
    const reviewer = await createStaff(server.url, ['reviewer']);
    const app = (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm())).body.data;
    await must(reviewer.api, app.id, 'return', { comment: '缺少材料' });
    await must(applicant.api, app.id, 'resubmit');
    const ofThisApp = async () => (await verifyChains()).problems.filter((p) => p.applicationId === app.id);
    expect(await ofThisApp()).toEqual([]);

    // Without the head, what remains is a whole chain: only the application's row can tell.
    const entries = await HistoryEntry.findAll({ where: { applicationId: app.id }, order: [['seq', 'ASC']] });
    const newest = entries[entries.length - 1];
    const { sequelize } = services();
    await sequelize.query('UPDATE outbox SET history_id = NULL WHERE history_id = ?', { replacements: [newest?.id] });
    await sequelize.query('DELETE FROM application_history WHERE id = ?', { replacements: [newest?.id] });
    expect(await ofThisApp()).toEqual([
      { table: 'application_history', id: entries[entries.length - 2]?.id, applicationId: app.id, problem: 'head' },
    ]);
  });
});
