import { queueMessage, staffWork } from '../../src/commands/workflow/outbox';
import { withTransaction } from '../../src/db/transaction';
import { OutboxDelivery, OutboxMessage, User } from '../../src/models';
import { services } from '../../src/services';
import { OutboxWorker } from '../../src/workers';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { must, type AppView } from '../support/workflow';
import { drain } from '../wechat/support';
import { startWecomWorld, type WecomWorld } from './support';

// Staff alerts through 企业微信: an app message to each person by their WeCom userid, against a
// stub that answers as developer.work.weixin.qq.com documents (test/stubs/wecomStub.ts).

jest.setTimeout(60_000);

let world: WecomWorld;
let admin: TestUser;
let reviewer: TestUser;

beforeAll(async () => {
  world = await startWecomWorld();
  admin = await createStaff(world.server.url, ['admin']);
  reviewer = await createStaff(world.server.url, ['reviewer'], '张伟');
  world.stub.users.add('ZhangWei');
  const res = await admin.api.patch(`/api/users/${reviewer.user.id}`, { wecomUserId: 'ZhangWei' });
  expect(res.status).toBe(200);
});
afterAll(() => world.close());

async function apply(): Promise<AppView> {
  const applicant = await createApplicant(world.server.url);
  return (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm())).body.data;
}

const staffRow = (applicationId: number, event = 'new_work') =>
  OutboxMessage.findOne({ where: { applicationId, audience: 'staff', event }, order: [['id', 'DESC']] });

describe('用户管理: the WeCom userid', () => {
  it('is saved and shown to administrators; a malformed or taken one is refused per field and changes nothing', async () => {
    const listed = await admin.api.get<{ data: { id: number; wecomUserId: string | null }[] }>('/api/users');
    expect(listed.body.data.find((u) => u.id === reviewer.user.id)?.wecomUserId).toBe('ZhangWei');

    const other = await createStaff(world.server.url, ['surveyor']);
    const bad = await admin.api.patch<{ error: { details: { path: string; message: string }[] } }>(`/api/users/${other.user.id}`, {
      wecomUserId: '张 伟',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'wecomUserId', message: '企业微信账号只能包含字母、数字和 _ - . @' }]);
    const taken = await admin.api.patch<{ error: { details: { path: string; message: string }[] } }>(`/api/users/${other.user.id}`, {
      wecomUserId: 'ZhangWei',
      displayName: '改了名',
    });
    expect(taken.status).toBe(400);
    expect(taken.body.error.details).toEqual([{ path: 'wecomUserId', message: '该企业微信账号已属于张伟' }]);
    expect(await User.findByPk(other.user.id)).toMatchObject({ wecomUserId: null, displayName: '测试员工' });
  });
});

describe('new work, by app message to the person', () => {
  it('reaches the reviewer in 企业微信 once, with the application number, fetching one token for everyone', async () => {
    const apps = await Promise.all([apply(), apply(), apply()]);
    const before = world.stub.tokenFetches;
    // Two workers at once on the same rows: each message goes out exactly once.
    const a = new OutboxWorker(world.server.config, { id: 'wa', batchSize: 2 });
    const b = new OutboxWorker(world.server.config, { id: 'wb', batchSize: 2 });
    await Promise.all([drain(a), drain(b)]);
    for (const app of apps) {
      const got = world.stub.messagesTo('zhangwei').filter((m) => m.content.includes(app.number));
      expect(got).toHaveLength(1);
      expect(got[0]?.content).toBe(`【新的待办】报装${app.number}（${app.name}）已到「待审核」，请及时办理。`);
      expect(await staffRow(app.id)).toMatchObject({ status: 'sent', channel: 'wecom_app' });
    }
    expect(world.stub.tokenFetches - before).toBeLessThanOrEqual(1);
  });

  it('refreshes an expired token once and sends', async () => {
    const app = await apply();
    world.stub.expireTokens();
    const fetched = world.stub.tokenFetches;
    await drain(new OutboxWorker(world.server.config));
    expect(world.stub.tokenFetches - fetched).toBe(1);
    expect(
      world.stub.calls
        .filter((c) => c.path === 'cgi-bin/message/send')
        .slice(-2)
        .map((c) => c.errcode),
    ).toEqual([42001, 0]);
    expect(await staffRow(app.id)).toMatchObject({ status: 'sent', channel: 'wecom_app' });
  });

  it('records a person WeCom does not know (invaliduser) as refused, not delivered', async () => {
    const techHead = await createStaff(world.server.url, ['tech_head'], '李四');
    await User.update({ wecomUserId: 'lisi_left' }, { where: { id: techHead.user.id } });
    const app = await apply();
    await must(reviewer.api, app.id, 'approve');
    await drain(new OutboxWorker(world.server.config));
    const row = await staffRow(app.id);
    expect(row?.status).toBe('failed');
    expect(row?.lastError).toContain('lisi_left');
    expect(await OutboxDelivery.findOne({ where: { outboxId: row?.id ?? 0, channel: 'wecom_app' } })).toMatchObject({
      outcome: 'refused',
      recipient: 'lisi_left',
    });
    expect(world.stub.messagesTo('lisi_left')).toEqual([]);
  });

  it('keeps the message when the caller IP is not trusted (60020) and says why', async () => {
    world.stub.trustedIps = ['10.9.8.7'];
    try {
      const app = await apply();
      await drain(new OutboxWorker(world.server.config));
      const row = await staffRow(app.id);
      expect(row?.status).toBe('failed');
      expect(row?.lastError).toContain('60020');
      expect(world.stub.messagesTo('zhangwei').filter((m) => m.content.includes(app.number))).toEqual([]);
    } finally {
      world.stub.trustedIps = null;
    }
  });
});

describe('the step robot (流程步骤设置)', () => {
  it('is chosen by administrators among the configured teams; other names and other users are refused', async () => {
    const none = await admin.api.put<{ error: { details: { path: string; message: string }[] } }>(
      '/api/wecom/steps/enterprise/dispatching',
      {
        robot: '不存在的群',
      },
    );
    expect(none.status).toBe(400);
    expect(none.body.error.details[0]).toMatchObject({ path: 'robot' });
    expect((await reviewer.api.put('/api/wecom/steps/enterprise/dispatching', { robot: '报装组' })).status).toBe(403);
    expect((await admin.api.put('/api/wecom/steps/enterprise/dispatching', { robot: '报装组' })).status).toBe(200);
    const overview = await reviewer.api.get<{
      data: { appMessages: boolean; robots: string[]; steps: { state: string; robot: string }[] };
    }>('/api/wecom');
    expect(overview.body.data).toMatchObject({ appMessages: true, robots: ['报装组', '旧群'] });
    expect(overview.body.data.steps).toContainEqual(expect.objectContaining({ state: 'dispatching', robot: '报装组' }));
    expect(JSON.stringify(overview.body.data)).not.toContain(world.robotKey);
  });

  it('posts the step’s alerts into the team group, @-mentioning the handler by mobile', async () => {
    const techHead = await createStaff(world.server.url, ['tech_head'], '王五');
    await User.update({ phone: '13912345678' }, { where: { id: techHead.user.id } });
    await admin.api.put('/api/wecom/steps/enterprise/dispatching', { robot: '报装组' });
    const app = await apply();
    await must(reviewer.api, app.id, 'approve');
    await drain(new OutboxWorker(world.server.config));
    const posted = world.stub.robotMessages.filter((m) => m.content.includes(app.number));
    expect(posted).toHaveLength(1);
    expect(posted[0]?.key).toBe(world.robotKey);
    expect(posted[0]?.mentionedMobiles).toContain('13912345678');
    expect(posted[0]?.content).toContain('「待派工」');
  });

  it('sends both: the app message to the person and the post in the team group, each once', async () => {
    await admin.api.put('/api/wecom/steps/enterprise/submitted', { robot: '报装组' });
    const app = await apply();
    await Promise.all([
      drain(new OutboxWorker(world.server.config, { id: 'r1', batchSize: 1 })),
      drain(new OutboxWorker(world.server.config, { id: 'r2', batchSize: 1 })),
    ]);
    expect(world.stub.messagesTo('zhangwei').filter((m) => m.content.includes(app.number))).toHaveLength(1);
    expect(world.stub.robotMessages.filter((m) => m.content.includes(app.number))).toHaveLength(1);
    const row = await staffRow(app.id);
    expect(row?.status).toBe('sent');
    const deliveries = await OutboxDelivery.findAll({ where: { outboxId: row?.id ?? 0 }, order: [['id', 'ASC']] });
    expect(deliveries.map((d) => [d.channel, d.outcome])).toEqual([
      ['wecom_app', 'sent'],
      ['wecom_robot', 'sent'],
    ]);
    await admin.api.put('/api/wecom/steps/enterprise/submitted', { robot: null });
  });

  it('records a robot whose key WeCom does not know (93000) as refused', async () => {
    await admin.api.put('/api/wecom/steps/enterprise/dispatching', { robot: '旧群' });
    const app = await apply();
    await must(reviewer.api, app.id, 'approve');
    await drain(new OutboxWorker(world.server.config));
    const row = await staffRow(app.id);
    expect(await OutboxDelivery.findOne({ where: { outboxId: row?.id ?? 0, channel: 'wecom_robot' } })).toMatchObject({
      outcome: 'refused',
      recipient: '旧群',
    });
    expect(world.stub.calls.filter((c) => c.path === 'cgi-bin/webhook/send').at(-1)?.errcode).toBe(93000);
    await admin.api.put('/api/wecom/steps/enterprise/dispatching', { robot: null });
  });
});

describe('a role with one known and one unknown person', () => {
  it('reaches the known one, and the delivery names the one WeCom refused (invaliduser)', async () => {
    const known = await createStaff(world.server.url, ['surveyor'], '赵六');
    const gone = await createStaff(world.server.url, ['surveyor'], '钱七');
    world.stub.users.add('zhaoliu');
    await User.update({ wecomUserId: 'zhaoliu' }, { where: { id: known.user.id } });
    await User.update({ wecomUserId: 'QianQi' }, { where: { id: gone.user.id } });
    const app = await apply();
    await withTransaction(services().sequelize, (t) =>
      queueMessage(
        staffWork(
          { ...app, applicantUserId: null },
          { stateLabel: '现场勘察', role: 'surveyor', assigneeId: null, historyId: null, at: new Date() },
        ),
        t,
      ),
    );
    await drain(new OutboxWorker(world.server.config));
    const row = await OutboxMessage.findOne({
      where: { applicationId: app.id, audience: 'staff', event: 'new_work' },
      order: [['id', 'DESC']],
    });
    expect(row).toMatchObject({ status: 'sent', channel: 'wecom_app' });
    expect(world.stub.messagesTo('zhaoliu').filter((m) => m.content.includes('现场勘察'))).toHaveLength(1);
    const delivery = await OutboxDelivery.findOne({ where: { outboxId: row?.id ?? 0, channel: 'wecom_app', outcome: 'sent' } });
    expect(delivery?.errorMessage).toContain('QianQi');
  });
});
