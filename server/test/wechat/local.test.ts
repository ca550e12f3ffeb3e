import { OutboxDelivery, OutboxMessage } from '../../src/models';
import { createApplicant, createStaff, enterpriseForm } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import { must, type AppView } from '../support/workflow';

let server: TestServer;

// The embedded default: no WeChat ids, workers inside the API process.
beforeAll(async () => {
  server = await startTestServer({ IN_PROCESS_WORKERS: 'true', WORKER_POLL_MS: '50' });
});
afterAll(() => server.close());

async function settled(applicationId: number): Promise<OutboxMessage[]> {
  const until = Date.now() + 10_000;
  for (;;) {
    const rows = await OutboxMessage.findAll({ where: { applicationId }, order: [['id', 'ASC']] });
    if (rows.every((r) => r.status !== 'pending' && r.status !== 'sending') || Date.now() > until) {
      return rows;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('local mode, end to end', () => {
  it('records every progress message and alert in the app, with no WeChat involved', async () => {
    expect(server.config.wechat.miniProgram.appId).toBe('');
    const applicant = await createApplicant(server.url);
    const reviewer = await createStaff(server.url, ['reviewer']);
    const admin = await createStaff(server.url, ['admin']);
    const created = await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
    const app = await must(reviewer.api, created.body.data.id, 'approve');

    const rows = await settled(app.id);
    expect(rows.map((r) => [r.audience, r.event, r.status])).toEqual([
      ['applicant', 'submitted', 'recorded'],
      ['staff', 'new_work', 'recorded'],
      ['applicant', 'accepted', 'recorded'],
      ['staff', 'new_work', 'recorded'],
    ]);
    expect(await OutboxDelivery.count({ where: { outboxId: rows.map((r) => r.id) } })).toBe(0);

    const timeline = await applicant.api.get<{ data: { title: string; pushed: boolean }[] }>(`/api/notifications?applicationId=${app.id}`);
    expect(timeline.body.data).toEqual([
      expect.objectContaining({ title: '申请已受理', pushed: false }),
      expect.objectContaining({ title: '申请已提交' }),
    ]);

    const adminView = await admin.api.get<{ data: { applicationId: number; status: string; channel: string | null }[] }>(
      '/api/admin/notifications?audience=applicant&pageSize=200',
    );
    expect(adminView.body.data.filter((n) => n.applicationId === app.id)).toEqual([
      expect.objectContaining({ status: 'recorded', channel: null }),
      expect.objectContaining({ status: 'recorded', channel: null }),
    ]);
  });

  it('has no push endpoint and no web login to offer', async () => {
    const push = await fetch(`${server.url}/wechat/push?timestamp=${Math.floor(Date.now() / 1000)}`);
    expect(push.status).toBe(404);
    const oauth = await fetch(`${server.url}/api/wechat/oauth/url?redirect=/h5/pages/apply/index`);
    expect(oauth.status).toBe(400);
  });
});
