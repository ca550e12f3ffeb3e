import { QueryTypes } from 'sequelize';
import { down, up } from '../../src/migrations/0011-wecom';
import { OverdueAlert } from '../../src/models';
import { services } from '../../src/services';
import { createApplicant, enterpriseForm } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import type { AppView } from '../support/workflow';

// 0011-wecom on a database with rows: down leaves one overdue alert per step as before, up brings
// the kinds back, and the unique index then allows one alert of each kind per step.

jest.setTimeout(60_000);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('goes down and up again on a database with alerts, keeping one alert of each kind per step', async () => {
  const applicant = await createApplicant(server.url);
  const app = (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm())).body.data;
  const step = { applicationId: app.id, state: 'submitted', stepStartedAt: new Date(), outboxId: null };
  await OverdueAlert.create({ ...step, kind: 'overdue' });
  await OverdueAlert.create({ ...step, kind: 'due_soon' });
  await expect(OverdueAlert.create({ ...step, kind: 'overdue' })).rejects.toThrow();

  const { sequelize } = services();
  const qi = sequelize.getQueryInterface();
  await down({ context: qi });
  const kept = await sequelize.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM overdue_alerts WHERE application_id = ?', {
    replacements: [app.id],
    type: QueryTypes.SELECT,
  });
  expect(Number(kept[0]?.n)).toBe(1);
  expect(Object.keys(await qi.describeTable('users'))).not.toContain('wecom_user_id');

  await up({ context: qi });
  expect(Object.keys(await qi.describeTable('users'))).toContain('wecom_user_id');
  await OverdueAlert.create({
    ...step,
    stepStartedAt: (await OverdueAlert.findOne({ where: { applicationId: app.id } }))!.stepStartedAt,
    kind: 'escalated',
  });
  expect((await OverdueAlert.findAll({ where: { applicationId: app.id } })).map((a) => a.kind).sort()).toEqual(['escalated', 'overdue']);
});
