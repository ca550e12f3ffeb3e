import { Op } from 'sequelize';
import { OutboxDelivery, OutboxMessage, WechatSubscription } from '../../src/models';
import { OutboxWorker } from '../../src/workers';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { must, type AppView } from '../support/workflow';
import { drain, startWechatWorld, wechatApplicant, type WechatWorld } from './support';

let world: WechatWorld;
let reviewer: TestUser;
let admin: TestUser;
let worker: OutboxWorker;

beforeAll(async () => {
  world = await startWechatWorld();
  reviewer = await createStaff(world.server.url, ['reviewer']);
  admin = await createStaff(world.server.url, ['admin']);
  worker = new OutboxWorker(world.server.config, { id: 'test-worker' });
});
afterAll(() => world.close());

async function apply(api: TestUser['api'], overrides = {}): Promise<AppView> {
  const res = await api.post<{ data: AppView }>('/api/applications', enterpriseForm(overrides));
  if (res.status !== 201) {
    throw new Error(`apply → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.data;
}

const rowsOf = (applicationId: number) =>
  OutboxMessage.findAll({ where: { applicationId, audience: 'applicant' }, order: [['id', 'ASC']] });
const to = (touser: string) => world.stub.messages.filter((m) => m.touser === touser);

describe('choosing the channel', () => {
  it('sends a subscribe message while consent lasts, then a template message to a follower', async () => {
    const person = await wechatApplicant(world, { consents: 1, follows: true });
    const app = await apply(person.api);
    await must(reviewer.api, app.id, 'approve');
    await drain(worker);

    const [submitted, accepted] = await rowsOf(app.id);
    expect(submitted).toMatchObject({ event: 'submitted', status: 'sent', channel: 'mp_subscribe' });
    expect(accepted).toMatchObject({ event: 'accepted', status: 'sent', channel: 'oa_template' });

    const [sub] = to(person.openid);
    expect(sub).toMatchObject({ kind: 'subscribe', templateId: person.templateId, page: `pages/progress/detail/index?id=${app.id}` });
    expect(sub?.data).toMatchObject({
      character_string1: { value: app.number },
      thing2: { value: '申请已提交' },
      phrase3: { value: '已提交' },
    });
    expect(sub?.data.time4?.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);

    const [tpl] = to(person.oaOpenid);
    expect(tpl).toMatchObject({
      kind: 'template',
      templateId: world.server.config.wechat.templates.official.id,
      // By default the H5 page: opening the mini program needs it linked to the account (关联小程序).
      url: `${world.server.config.publicUrl}/h5/pages/progress/detail/index?id=${app.id}`,
      miniprogram: undefined,
    });
    expect(Object.keys(tpl?.data ?? {})).not.toEqual(expect.arrayContaining(['first']));
    expect(tpl?.data.thing3?.value).toBe('申请已受理');
    expect((await WechatSubscription.findOne({ where: { userId: person.user.id } }))?.remaining).toBe(0);
  });

  it('keeps a message in the app only when the user has no WeChat channel, without calling WeChat', async () => {
    const applicant = await createApplicant(world.server.url);
    const before = world.stub.requests.length;
    const app = await apply(applicant.api);
    await drain(worker);
    const [row] = await rowsOf(app.id);
    expect(row).toMatchObject({ status: 'recorded', lastError: null });
    expect(await OutboxDelivery.count({ where: { outboxId: row?.id ?? 0 } })).toBe(0);
    expect(world.stub.requests.slice(before).filter((r) => r.path.startsWith('cgi-bin/message'))).toHaveLength(0);
  });

  it('falls back to the official account when WeChat says the consent is gone (43101)', async () => {
    const person = await wechatApplicant(world, { consents: 0, follows: true });
    // We recorded an "accept" WeChat no longer honours (the user switched messages off).
    await person.api.post('/api/wechat/subscriptions', { templateIds: [person.templateId], accepted: [person.templateId] });
    const app = await apply(person.api);
    await drain(worker);
    const [row] = await rowsOf(app.id);
    expect(row).toMatchObject({ status: 'sent', channel: 'oa_template' });
    const attempts = await OutboxDelivery.findAll({ where: { outboxId: row?.id ?? 0 }, order: [['id', 'ASC']] });
    expect(attempts.map((a) => [a.channel, a.outcome, a.errorCode])).toEqual([
      ['mp_subscribe', 'refused', 43101],
      ['oa_template', 'sent', null],
    ]);
    expect((await WechatSubscription.findOne({ where: { userId: person.user.id } }))?.remaining).toBe(0);
  });

  it('records, without error, a user who unfollowed (43004) and has nothing else', async () => {
    const person = await wechatApplicant(world, { follows: true });
    world.stub.setFollower(person.oaOpenid, false);
    const app = await apply(person.api);
    await drain(worker);
    const [row] = await rowsOf(app.id);
    expect(row?.status).toBe('recorded');
    expect(row?.lastError).toContain('43004');
  });
});

describe('order', () => {
  it("keeps one user's messages in the order things happened, even across workers", async () => {
    const person = await wechatApplicant(world, { consents: 2 });
    const app = await apply(person.api);
    await must(reviewer.api, app.id, 'approve');
    const [first, second] = await rowsOf(app.id);
    // Another worker is busy sending the first message.
    await OutboxMessage.update(
      { status: 'sending', lockedBy: 'other#1', lockedUntil: new Date(Date.now() + 60_000) },
      { where: { id: first?.id ?? 0 } },
    );
    await drain(worker);
    expect((await OutboxMessage.findByPk(second?.id))?.status).toBe('pending');
    expect(to(person.openid)).toHaveLength(0);
    // It gives the row back (a retry); now both go, first things first.
    await OutboxMessage.update({ status: 'pending', lockedBy: null, lockedUntil: null }, { where: { id: first?.id ?? 0 } });
    await drain(worker);
    expect(to(person.openid).map((m) => m.data.thing2?.value)).toEqual(['申请已提交', '申请已受理']);
  });
});

describe('one blocked user does not hold up the others', () => {
  it("sends another user's message while the first user's backlog waits behind a message in flight", async () => {
    const blocked = await wechatApplicant(world, { consents: 30 });
    const app = await apply(blocked.api);
    const [inFlight] = await rowsOf(app.id);
    await OutboxMessage.update(
      { status: 'sending', lockedBy: 'other#1', lockedUntil: new Date(Date.now() + 60_000) },
      { where: { id: inFlight?.id ?? 0 } },
    );
    // More waiting messages for that user than one batch holds…
    const small = new OutboxWorker(world.server.config, { id: 'small-batches', batchSize: 5 });
    for (let i = 0; i < 3; i++) {
      await must(reviewer.api, app.id, 'return', { comment: `补材料${i}` });
      await blocked.api.post(`/api/applications/${app.id}/actions/resubmit`, {});
    }
    expect((await rowsOf(app.id)).filter((r) => r.status === 'pending').length).toBeGreaterThan(5);
    // …and then someone else's.
    const other = await wechatApplicant(world, { consents: 2 });
    await apply(other.api);
    await drain(small);
    expect(to(other.openid).map((m) => m.data.thing2?.value)).toEqual(['申请已提交']);
    expect(to(blocked.openid)).toHaveLength(0);
  });
});

describe('failures and retries', () => {
  it('retries a busy WeChat (-1) later with backoff, giving the consent back meanwhile', async () => {
    const person = await wechatApplicant(world, { consents: 1 });
    world.stub.failNext('cgi-bin/message/subscribe/send', -1);
    const app = await apply(person.api);
    await drain(worker);
    let [row] = await rowsOf(app.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row?.lastError).toContain('[-1]');
    const wait = (row?.nextAttemptAt.getTime() ?? 0) - Date.now();
    expect(wait).toBeGreaterThan(20_000);
    expect(wait).toBeLessThanOrEqual(30_000);
    expect((await WechatSubscription.findOne({ where: { userId: person.user.id } }))?.remaining).toBe(1);

    await drain(worker);
    expect(to(person.openid)).toHaveLength(0);
    await drain(worker, () => new Date(Date.now() + 31_000));
    [row] = await rowsOf(app.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(to(person.openid)).toHaveLength(1);
  });

  it('marks a refused message failed with WeChat error code for the admin, who can send it again', async () => {
    const person = await wechatApplicant(world, { consents: 1 });
    world.stub.failNext('cgi-bin/message/subscribe/send', 40037, 1, 'invalid template_id');
    const app = await apply(person.api);
    await drain(worker);
    const [row] = await rowsOf(app.id);
    expect(row).toMatchObject({ status: 'failed', lastError: '[40037] invalid template_id' });

    const list = await admin.api.get<{ data: { id: number; status: string; statusLabel: string; errorCode: number; number: string }[] }>(
      '/api/admin/notifications?status=failed&pageSize=200',
    );
    expect(list.body.data.find((n) => n.id === row?.id)).toMatchObject({
      status: 'failed',
      statusLabel: '推送失败',
      errorCode: 40037,
      number: app.number,
    });

    expect((await reviewer.api.post(`/api/admin/notifications/${row?.id}/resend`)).status).toBe(403);
    const resend = await admin.api.post<{ data: { status: string } }>(`/api/admin/notifications/${row?.id}/resend`);
    expect(resend.body.data.status).toBe('pending');
    await drain(worker);
    expect((await OutboxMessage.findByPk(row?.id))?.status).toBe('sent');
    expect(to(person.openid)).toHaveLength(1);
    expect((await admin.api.post(`/api/admin/notifications/${row?.id}/resend`)).status).toBe(409);
  });

  it('gives up after the last attempt', async () => {
    const person = await wechatApplicant(world, { consents: 1 });
    const app = await apply(person.api);
    const [row] = await rowsOf(app.id);
    await OutboxMessage.update({ attempts: 7 }, { where: { id: row?.id ?? 0 } });
    world.stub.failNext('cgi-bin/message/subscribe/send', 45009, 1, 'reach max api daily quota limit');
    await drain(worker);
    expect(await OutboxMessage.findByPk(row?.id)).toMatchObject({ status: 'failed', attempts: 8 });
  });
});

describe('template field limits', () => {
  it('fits a long name, a long reason and the status word into what WeChat accepts', async () => {
    const person = await wechatApplicant(world, { consents: 1, follows: true });
    const longName = `广州市天河区珠江新城华夏路十号${'超长单位名称'.repeat(8)}有限公司`;
    const app = await apply(person.api, { name: longName });
    await must(reviewer.api, app.id, 'return', { comment: `资料不全：${'缺少营业执照复印件和授权委托书，'.repeat(6)}请补充` });
    await drain(worker);
    expect(world.stub.rejected).toEqual([]);
    const messages = [...to(person.openid), ...to(person.oaOpenid)];
    expect(messages).toHaveLength(2);
    for (const m of messages) {
      for (const [key, { value }] of Object.entries(m.data)) {
        if (key.startsWith('thing')) {
          expect([...value].length).toBeLessThanOrEqual(20);
        }
        if (key.startsWith('phrase')) {
          expect(value).toMatch(/^\p{Script=Han}{1,5}$/u);
        }
      }
    }
    expect(to(person.oaOpenid)[0]?.data.thing2?.value).toBe('广州市天河区珠江新城华夏路十号超长单位…');
    expect(await OutboxMessage.count({ where: { applicationId: app.id, audience: 'applicant', status: { [Op.ne]: 'sent' } } })).toBe(0);
  });
});
