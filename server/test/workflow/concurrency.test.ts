import { HistoryEntry, OutboxMessage } from '../../src/models';
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

describe('concurrent actions on one application', () => {
  it('lets exactly one of 50 simultaneous approvals through; the others get 409 and change nothing', async () => {
    const app = await submitted();
    const replies = await Promise.all(Array.from({ length: 50 }, () => act(reviewer.api, app.id, 'approve')));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const r of replies.filter((x) => x.status === 409)) {
      expect(['STATE_CONFLICT', 'ACTION_NOT_ALLOWED', 'CONFLICT']).toContain(r.body.error.code);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await HistoryEntry.count({ where: { applicationId: app.id, action: 'approve' } })).toBe(1);
    expect(await OutboxMessage.count({ where: { applicationId: app.id, event: 'accepted' } })).toBe(1);
  });

  it('refuses an action based on a stale version', async () => {
    const app = await submitted();
    const res = await act(reviewer.api, app.id, 'approve', { version: app.version + 5 });
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({ code: 'STATE_CONFLICT', message: '报装状态已变化，请刷新后重试' });
  });
});

describe('Idempotency-Key', () => {
  it('turns 20 repeats of one request into one transition with identical replies', async () => {
    const app = await submitted();
    const key = `approve-${app.id}-once`;
    const replies = [];
    for (let i = 0; i < 10; i++) {
      replies.push(await act(reviewer.api, app.id, 'approve', {}, { 'Idempotency-Key': key }));
    }
    replies.push(
      ...(await Promise.all(Array.from({ length: 10 }, () => act(reviewer.api, app.id, 'approve', {}, { 'Idempotency-Key': key })))),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    const first = JSON.stringify(replies[0]?.body);
    for (const r of replies) {
      expect(JSON.stringify(r.body)).toBe(first);
    }
    expect(replies.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
    expect(await HistoryEntry.count({ where: { applicationId: app.id, action: 'approve' } })).toBe(1);
  });

  it('refuses the same key with a different request', async () => {
    const app = await submitted();
    const other = await submitted();
    const key = `key-reuse-${app.id}`;
    expect((await act(reviewer.api, app.id, 'approve', {}, { 'Idempotency-Key': key })).status).toBe(200);
    const res = await act(reviewer.api, other.id, 'approve', {}, { 'Idempotency-Key': key });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await HistoryEntry.count({ where: { applicationId: other.id, action: 'approve' } })).toBe(0);
  });
});

describe('concurrent confirmations of one budget', () => {
  it('lets exactly one of 100 simultaneous confirmations through: one history row, one notification, no server error', async () => {
    const { createCrew, design, onlineEnterpriseAtSurvey, survey } = await import('../support/journey');
    const crew = await createCrew(server.url);
    const { applicant, app } = await onlineEnterpriseAtSurvey(server.url, crew);
    const { app: confirming, budgetId } = await design(crew, await survey(crew, app));
    const started = Date.now();
    const replies = await Promise.all(
      Array.from({ length: 100 }, () => act(applicant.api, confirming.id, 'confirm_design', { budgetAttachmentId: budgetId })),
    );
    const ms = Date.now() - started;
    const statuses = replies.map((r) => r.status);
    console.log(
      `100 concurrent confirmations (${process.env.TEST_DB ?? 'sqlite'}): ${statuses.filter((s) => s === 200).length} × 200, ${statuses.filter((s) => s === 409).length} × 409 in ${ms} ms`,
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect(await HistoryEntry.count({ where: { applicationId: app.id, action: 'confirm_design' } })).toBe(1);
    expect(await OutboxMessage.count({ where: { applicationId: app.id, event: 'design_confirmed' } })).toBe(1);
  });
});
