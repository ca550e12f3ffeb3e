import { OutboxMessage } from '../../src/models';
import { OutboxWorker } from '../../src/workers';
import { createStaff, enterpriseForm, type TestUser } from '../support/factories';
import type { AppView } from '../support/workflow';
import { drain, startWechatWorld, wechatApplicant, type WechatWorld } from './support';

/**
 * Before the mini program's first release (or before the release that adds the progress page),
 * WeChat refuses a subscribe message whose `page` is not in the released version (41030).
 */
let world: WechatWorld;
let admin: TestUser;
let worker: OutboxWorker;

beforeAll(async () => {
  world = await startWechatWorld();
  admin = await createStaff(world.server.url, ['admin']);
  worker = new OutboxWorker(world.server.config, { id: 'page-worker' });
});
afterAll(() => world.close());

async function apply(api: TestUser['api']): Promise<AppView> {
  const res = await api.post<{ data: AppView }>('/api/applications', enterpriseForm());
  if (res.status !== 201) {
    throw new Error(`apply → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.data;
}

interface AdminRow {
  id: number;
  status: string;
  lastAttempt: { outcome: string; errorCode: number | null; errorMessage: string | null } | null;
}

const sendsTo = (openid: string) =>
  world.stub.callsTo('cgi-bin/message/subscribe/send').filter((r) => (r.body as { touser?: string }).touser === openid);

describe('a subscribe message whose page is not released yet', () => {
  it('is sent once more without the page, and the admin sees why', async () => {
    world.stub.releasedPages = new Set(['pages/index/index']);
    const person = await wechatApplicant(world, { consents: 1 });
    const app = await apply(person.api);
    await drain(worker);

    const [row] = await OutboxMessage.findAll({ where: { applicationId: app.id, audience: 'applicant' } });
    expect(row).toMatchObject({ status: 'sent', channel: 'mp_subscribe' });
    const sends = sendsTo(person.openid);
    expect(sends.map((s) => (s.reply as { errcode: number }).errcode)).toEqual([41030, 0]);
    expect((sends[0]?.body as { page?: string }).page).toBe(`pages/progress/detail/index?id=${app.id}`);
    expect(sends[1]?.body).not.toHaveProperty('page');
    const delivered = world.stub.messages.filter((m) => m.touser === person.openid);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.page).toBeUndefined();

    const list = await admin.api.get<{ data: AdminRow[] }>('/api/admin/notifications?audience=applicant&pageSize=200');
    expect(list.body.data.find((n) => n.id === row?.id)?.lastAttempt).toMatchObject({
      outcome: 'sent',
      errorCode: 41030,
      errorMessage: expect.stringContaining('线上版本'),
    });
  });

  it('keeps the page once the released version has it', async () => {
    world.stub.releasedPages = new Set(['pages/index/index', 'pages/progress/detail/index']);
    const person = await wechatApplicant(world, { consents: 1 });
    const app = await apply(person.api);
    await drain(worker);
    expect(sendsTo(person.openid).map((s) => (s.reply as { errcode: number }).errcode)).toEqual([0]);
    expect(world.stub.messages.find((m) => m.touser === person.openid)?.page).toBe(`pages/progress/detail/index?id=${app.id}`);
  });
});
