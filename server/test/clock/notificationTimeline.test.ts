import { OutboxWorker } from '../../src/workers';
import { createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { must, type AppView } from '../support/workflow';
import { drain, startWechatWorld, wechatApplicant, type WechatWorld } from '../wechat/support';

interface TimelineEntry {
  event: string;
  title: string;
  audience: string;
  recipientName: string | null;
  status: string;
  statusLabel: string;
  delivered: boolean;
  channel: string | null;
  channelLabel: string | null;
  reason: string | null;
  attempts: { channel: string; outcome: string; outcomeLabel: string; error: string | null }[];
}

let world: WechatWorld;
let reviewer: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  world = await startWechatWorld();
  [reviewer, outsider] = await Promise.all([createStaff(world.server.url, ['reviewer']), createStaff(world.server.url, ['reviewer'])]);
});
afterAll(() => world.close());

describe('who was told what (通知记录)', () => {
  it('shows each notification of an application with its channel, time, and delivered or failed and why', async () => {
    const applicant = await wechatApplicant(world, { consents: 2 });
    const created = await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
    expect(created.status).toBe(201);
    const app = created.body.data;
    const worker = new OutboxWorker(world.server.config);
    await drain(worker);

    // WeChat refuses the next subscribe message (43101: the user refused it).
    world.stub.failNext('cgi-bin/message/subscribe/send', 43101, 1, 'user refuse to accept the msg');
    await must(reviewer.api, app.id, 'approve');
    await drain(worker);

    const mine = await applicant.api.get<{ data: TimelineEntry[] }>(`/api/applications/${app.id}/notifications`);
    expect(mine.status).toBe(200);
    // The applicant sees only what was addressed to them.
    expect(mine.body.data.every((n) => n.audience === 'applicant')).toBe(true);
    const [submitted, accepted] = mine.body.data;
    expect(submitted).toMatchObject({
      title: '申请已提交',
      delivered: true,
      channel: 'mp_subscribe',
      channelLabel: '小程序订阅消息',
      reason: null,
    });
    expect(accepted?.title).toBe('申请已受理');
    expect(accepted?.delivered).toBe(false);
    // WeChat refused it: shown in the app only, and the timeline says why.
    expect(accepted).toMatchObject({ status: 'recorded', statusLabel: '仅站内显示', reason: '推送被拒收，仅在系统内显示' });
    expect(accepted?.attempts[0]).toMatchObject({ channel: 'mp_subscribe', outcome: 'refused', outcomeLabel: '被拒收', error: null });

    // Staff see the staff alerts too, and the platform's own words.
    const staff = await reviewer.api.get<{ data: TimelineEntry[] }>(`/api/applications/${app.id}/notifications`);
    expect(staff.body.data.some((n) => n.audience === 'staff' && n.title === '新的待办')).toBe(true);
    const refused = staff.body.data.find((n) => n.title === '申请已受理');
    expect(refused?.attempts[0]?.error).toContain('user refuse to accept the msg');
    expect(refused?.reason).toBe('推送被拒收（user refuse to accept the msg），仅在系统内显示');
    expect(outsider.user.id).not.toBe(reviewer.user.id);
  });

  it('hides another applicant’s application (404)', async () => {
    const owner = await wechatApplicant(world);
    const other = await wechatApplicant(world);
    const created = await owner.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
    const res = await other.api.get(`/api/applications/${created.body.data.id}/notifications`);
    expect(res.status).toBe(404);
  });
});
