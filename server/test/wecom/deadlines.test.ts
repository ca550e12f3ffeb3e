import { Application, OutboxMessage, OverdueAlert, User } from '../../src/models';
import { OutboxWorker, scanOverdue } from '../../src/workers';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import type { AppView } from '../support/workflow';
import { drain } from '../wechat/support';
import { startWecomWorld, type WecomWorld } from './support';

// 即将超时 at 80 % of a step's time, 办理超时 when it is up, 超时升级 to 领导 a day later: each once
// per step however many scanners run, each delivered once by 企业微信 however many workers run.

jest.setTimeout(60_000);

const HOUR = 3600_000;
let world: WecomWorld;
let reviewer: TestUser;
let leader: TestUser;

beforeAll(async () => {
  world = await startWecomWorld();
  reviewer = await createStaff(world.server.url, ['reviewer'], '周审核');
  leader = await createStaff(world.server.url, ['leader'], '吴领导');
  world.stub.users.add('zhoushenhe');
  world.stub.users.add('wulingdao');
  await User.update({ wecomUserId: 'zhoushenhe' }, { where: { id: reviewer.user.id } });
  await User.update({ wecomUserId: 'wulingdao' }, { where: { id: leader.user.id } });
});
afterAll(() => world.close());

async function apply(): Promise<AppView> {
  const applicant = await createApplicant(world.server.url);
  return (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm())).body.data;
}

/** Puts the application's current step `enteredHoursAgo` into the past with `dueInHours` left (negative: overdue). */
async function step(id: number, enteredHoursAgo: number, dueInHours: number): Promise<void> {
  const now = Date.now();
  await Application.update(
    { stateEnteredAt: new Date(now - enteredHoursAgo * HOUR), dueAt: new Date(now + dueInHours * HOUR) },
    { where: { id } },
  );
}

const kinds = async (id: number) => (await OverdueAlert.findAll({ where: { applicationId: id } })).map((a) => a.kind).sort();

describe('deadline alerts', () => {
  it('says 即将超时 once at 80 % of the time allowed, not before', async () => {
    const early = await apply();
    const late = await apply();
    await step(early.id, 7, 3); // 70 % of 10 h
    await step(late.id, 9, 1); // 90 %
    await Promise.all([scanOverdue(), scanOverdue(), scanOverdue()]);
    await scanOverdue();
    expect(await kinds(early.id)).toEqual([]);
    expect(await kinds(late.id)).toEqual(['due_soon']);
    await Promise.all([
      drain(new OutboxWorker(world.server.config, { id: 'w1' })),
      drain(new OutboxWorker(world.server.config, { id: 'w2' })),
    ]);
    const got = world.stub.messagesTo('zhoushenhe').filter((m) => m.content.includes(late.number) && m.content.startsWith('【即将超时】'));
    expect(got).toHaveLength(1);
    expect(got[0]?.content).toMatch(new RegExp(`报装${late.number}.*「待审核」将于\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}超过办理时限`));
  });

  it('escalates a step overdue for more than a day to 领导, once, naming who has it; the handler hears 办理超时', async () => {
    const app = await apply();
    await step(app.id, 40, -25);
    await Promise.all([scanOverdue(), scanOverdue()]);
    await scanOverdue();
    expect(await kinds(app.id)).toEqual(['escalated', 'overdue']);
    await Promise.all([
      drain(new OutboxWorker(world.server.config, { id: 'w3' })),
      drain(new OutboxWorker(world.server.config, { id: 'w4' })),
    ]);

    const toLeader = world.stub.messagesTo('wulingdao').filter((m) => m.content.includes(app.number));
    expect(toLeader).toHaveLength(1);
    expect(toLeader[0]?.content).toMatch(
      new RegExp(`^【超时升级】报装${app.number}（.*）在「待审核」已超时1天\\d+小时（办理人：后台审核员（未指定人员））`),
    );
    expect(toLeader[0]?.content).toContain('请督办');
    const toHandler = world.stub
      .messagesTo('zhoushenhe')
      .filter((m) => m.content.includes(app.number) && m.content.startsWith('【办理超时】'));
    expect(toHandler).toHaveLength(1);
    expect(await OutboxMessage.count({ where: { applicationId: app.id, event: 'escalated', status: 'sent' } })).toBe(1);
    // The leader sees it in 消息 too.
    const seen = await leader.api.get<{ data: { applicationId: number; title: string }[] }>('/api/notifications?pageSize=200');
    expect(seen.body.data.filter((n) => n.applicationId === app.id).map((n) => n.title)).toEqual(['超时升级']);
  });

  it('does not escalate a step overdue for less than a day', async () => {
    const app = await apply();
    await step(app.id, 30, -20);
    await scanOverdue();
    expect(await kinds(app.id)).toEqual(['overdue']);
  });
});

describe('GET /api/worklist/count', () => {
  it('gives the badge the same numbers as the worklist, without the list', async () => {
    const app = await apply();
    await step(app.id, 30, -2);
    const count = await reviewer.api.get<{ data: { all: number; overdue: number } }>('/api/worklist/count');
    const list = await reviewer.api.get<{ meta: { counts: { all: number; overdue: number } } }>('/api/worklist?pageSize=1');
    expect(count.status).toBe(200);
    expect(count.body.data).toMatchObject({ all: list.body.meta.counts.all, overdue: list.body.meta.counts.overdue });
    expect(count.body.data.overdue).toBeGreaterThanOrEqual(1);
    expect((await leader.api.get<{ data: { all: number } }>('/api/worklist/count')).body.data.all).toBe(0);
    expect((await fetch(`${world.server.url}/api/worklist/count`)).status).toBe(401);
  });
});
