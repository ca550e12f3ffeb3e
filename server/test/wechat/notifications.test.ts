import { Application, OutboxMessage, OverdueAlert } from '../../src/models';
import { OutboxWorker, scanOverdue } from '../../src/workers';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { must, type AppView } from '../support/workflow';
import { drain, startWechatWorld, type WechatWorld } from './support';

interface Notice {
  id: number;
  event: string;
  title: string;
  text: string;
  number: string | null;
  applicationId: number | null;
  at: string;
  pushed: boolean;
}

let world: WechatWorld;
let reviewer: TestUser;
let techHead: TestUser;
let admin: TestUser;

beforeAll(async () => {
  world = await startWechatWorld();
  [reviewer, techHead, admin] = await Promise.all([
    createStaff(world.server.url, ['reviewer']),
    createStaff(world.server.url, ['tech_head']),
    createStaff(world.server.url, ['admin']),
  ]);
});
afterAll(() => world.close());

async function apply(applicant: TestUser): Promise<AppView> {
  const res = await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
  return res.body.data;
}

describe('GET /api/notifications', () => {
  it("shows an applicant their own progress messages, newest first, and nobody else's", async () => {
    const applicant = await createApplicant(world.server.url);
    const other = await createApplicant(world.server.url);
    const app = await apply(applicant);
    await must(reviewer.api, app.id, 'approve');

    const mine = await applicant.api.get<{ data: Notice[]; meta: { total: number } }>(`/api/notifications?applicationId=${app.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.data.map((n) => n.title)).toEqual(['申请已受理', '申请已提交']);
    expect(mine.body.data[0]).toMatchObject({ event: 'accepted', number: app.number, applicationId: app.id, pushed: false });
    expect(mine.body.data[0]?.text).toContain(app.number);
    expect(mine.body.meta.total).toBe(2);

    const theirs = await other.api.get<{ data: Notice[] }>('/api/notifications');
    expect(theirs.body.data.filter((n) => n.applicationId === app.id)).toEqual([]);
  });

  it("shows staff the alerts of their roles' unassigned steps and their own, not other roles'", async () => {
    const applicant = await createApplicant(world.server.url);
    const app = await apply(applicant);
    const forReviewer = await reviewer.api.get<{ data: Notice[] }>('/api/notifications?pageSize=200');
    expect(forReviewer.body.data.find((n) => n.applicationId === app.id)).toMatchObject({ event: 'new_work', title: '新的待办' });
    const forTechHead = await techHead.api.get<{ data: Notice[] }>('/api/notifications?pageSize=200');
    expect(forTechHead.body.data.find((n) => n.applicationId === app.id)).toBeUndefined();

    await must(reviewer.api, app.id, 'approve');
    const after = await techHead.api.get<{ data: Notice[] }>('/api/notifications?pageSize=200');
    expect(after.body.data.find((n) => n.applicationId === app.id)?.text).toContain('待派工');
  });
});

describe('GET /api/admin/notifications', () => {
  it('is for administrators, filters by status and audience, and counts by status', async () => {
    expect((await reviewer.api.get('/api/admin/notifications')).status).toBe(403);
    const applicant = await createApplicant(world.server.url);
    await apply(applicant);
    await drain(new OutboxWorker(world.server.config));
    const res = await admin.api.get<{
      data: { status: string; audience: string; statusLabel: string; recipient: { name: string } | null }[];
      meta: { total: number; byStatus: { status: string; count: number }[] };
    }>('/api/admin/notifications?status=recorded&audience=staff&pageSize=5');
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    expect(res.body.data.every((n) => n.status === 'recorded' && n.audience === 'staff' && n.statusLabel === '仅站内显示')).toBe(true);
    expect(res.body.meta.byStatus.find((s) => s.status === 'recorded')?.count).toBeGreaterThan(0);
    expect((await admin.api.get('/api/admin/notifications?status=bogus')).status).toBe(400);
  });
});

describe('overdue alerts', () => {
  it('raises one alert per overdue step, however many scanners run at once', async () => {
    const applicant = await createApplicant(world.server.url);
    const app = await apply(applicant);
    await Application.update({ dueAt: new Date(Date.now() - 3600_000) }, { where: { id: app.id } });

    const raised = await Promise.all([scanOverdue(), scanOverdue(), scanOverdue()]);
    expect(raised.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    await scanOverdue();
    expect(await OverdueAlert.count({ where: { applicationId: app.id } })).toBe(1);
    const alerts = await OutboxMessage.findAll({ where: { applicationId: app.id, event: 'overdue' } });
    expect(alerts).toHaveLength(1);

    const seen = await reviewer.api.get<{ data: Notice[] }>('/api/notifications?pageSize=200');
    const alert = seen.body.data.find((n) => n.applicationId === app.id && n.event === 'overdue');
    expect(alert?.title).toBe('办理超时');
    expect(alert?.text).toMatch(new RegExp(`报装${app.number}.*「待审核」已超过办理时限（已历时(\\d+天)?\\d+小时）`));

    // The next step has its own deadline and, overdue, its own alert.
    await must(reviewer.api, app.id, 'approve');
    await Application.update({ dueAt: new Date(Date.now() - 60_000) }, { where: { id: app.id } });
    await scanOverdue();
    await scanOverdue();
    expect(await OverdueAlert.count({ where: { applicationId: app.id } })).toBe(2);
  });

  it('does not alert staff about a step that waits for the applicant', async () => {
    const applicant = await createApplicant(world.server.url);
    const app = await apply(applicant);
    await must(reviewer.api, app.id, 'return', { comment: '资料不全' });
    await Application.update({ dueAt: new Date(Date.now() - 3600_000) }, { where: { id: app.id } });
    await scanOverdue();
    expect(await OverdueAlert.count({ where: { applicationId: app.id } })).toBe(0);
  });
});
