import { createApplicant, createStaff, enterpriseForm, unique, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import { history, must, type AppView } from '../support/workflow';

let server: TestServer;
let admin: TestUser;
let reviewer: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await createStaff(server.url, ['admin']);
  reviewer = await createStaff(server.url, ['reviewer']);
});
afterAll(() => server.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('elapsed time and overdue (历时)', () => {
  it('turns a step red once its threshold passes, and finds it with the overdue filter and sort', async () => {
    const applicant = await createApplicant(server.url);
    const tag = unique('超时');
    const early = (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm({ name: `${tag}早` }))).body.data;
    const late = (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm({ name: `${tag}晚` }))).body.data;
    expect(early.step).toMatchObject({ overdue: false, elapsedText: '0小时', clock: 'utility' });

    // 0.0003 hours ≈ 1 second; running applications get their due time recomputed.
    const set = await admin.api.put('/api/settings/steps/enterprise/submitted', {
      thresholdValue: 0.0003,
      thresholdUnit: 'hours',
      defaultAssigneeId: null,
    });
    expect(set.status).toBe(200);
    await sleep(1500);

    const list = await reviewer.api.get<{ data: AppView[] }>(`/api/applications?name=${encodeURIComponent(tag)}&overdue=true&sort=overdue`);
    expect(list.body.data.map((a) => a.name)).toEqual([`${tag}早`, `${tag}晚`]);
    expect(list.body.data.every((a) => a.step.overdue)).toBe(true);
    const notOverdue = await reviewer.api.get<{ data: AppView[] }>(`/api/applications?name=${encodeURIComponent(tag)}&overdue=false`);
    expect(notOverdue.body.data).toEqual([]);

    // Waiting on the customer never turns red.
    await must(reviewer.api, late.id, 'return', { comment: '资料不全' });
    const returned = await reviewer.api.get<{ data: AppView }>(`/api/applications/${late.id}`);
    expect(returned.body.data.step).toMatchObject({ clock: 'customer', overdue: false, dueAt: null });

    await admin.api.put('/api/settings/steps/enterprise/submitted', {
      thresholdValue: 24,
      thresholdUnit: 'hours',
      defaultAssigneeId: null,
    });
  });

  it('records each step’s duration on its own clock in the history', async () => {
    const applicant = await createApplicant(server.url);
    const app = (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm())).body.data;
    await sleep(300);
    await must(reviewer.api, app.id, 'return', { comment: '补资料' });
    await sleep(300);
    const back = await must(applicant.api, app.id, 'resubmit');
    const steps = await history(reviewer.api, app.id);
    expect(steps.map((s) => s.clock)).toEqual(['none', 'utility', 'customer']);
    expect(steps[1]?.durationMs).toBeGreaterThanOrEqual(250);
    expect(steps[2]?.durationMs).toBeGreaterThanOrEqual(250);
    expect(back.utilityMs).toBe(steps[1]?.durationMs);
    expect(back.customerMs).toBe(steps[2]?.durationMs);
  });

  it('refuses a threshold on a customer step', async () => {
    const res = await admin.api.put<{ error: { details: { path: string; message: string }[] } }>(
      '/api/settings/steps/enterprise/confirming',
      {
        thresholdValue: 12,
        thresholdUnit: 'hours',
        defaultAssigneeId: null,
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'thresholdValue', message: '等待用户的步骤不计超时' }]);
  });
});
