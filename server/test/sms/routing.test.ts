import type { ChildProcess } from 'node:child_process';
import { MUST_REACH_EVENTS, type SmsPreferenceView } from '@wc/shared';
import { OutboxMessage } from '../../src/models';
import { OutboxWorker } from '../../src/workers';
import type { AliyunSmsStub } from '../../../test/stubs/aliyunSms';
import { exited } from '../support/processes';
import type { TestUser } from '../support/factories';
import { spawnWorker, startWechatWorld, wechatApplicant, type WechatWorld } from '../wechat/support';
import { applicationOf, deliveriesOf, drain, givePhone, notify, randomMobile, setProgressTemplates, startSmsStub } from './support';

jest.setTimeout(90_000);

let sms: AliyunSmsStub;
let world: WechatWorld;
let worker: OutboxWorker;

const SMS_ENV = { SMS_LIMIT_PER_PHONE_MINUTE: '100', SMS_LIMIT_PER_PHONE_HOUR: '100', SMS_LIMIT_PER_PHONE_DAY: '100' };

beforeAll(async () => {
  sms = await startSmsStub();
  sms.limits = { perMinute: 100, perHour: 100, perDay: 100 };
  world = await startWechatWorld(sms.env(SMS_ENV));
  worker = new OutboxWorker(world.server.config, { id: 'routing-worker' });
  await setProgressTemplates(['accepted', 'dispatched', 'contract_signed', 'budget_to_confirm', 'water_on', 'completed']);
  // 请缴费's text (with the amount and the service phone) is longer than a variable may be: its title goes instead.
  await setProgressTemplates(
    ['payment_due'],
    [
      { name: 'number', value: 'number' },
      { name: 'text', value: 'title' },
    ],
  );
});
afterAll(async () => {
  await world.close();
  await sms.close();
});

/** An applicant in WeChat with `consents` subscribe messages left (one goes on 提交), and a mobile number. */
async function person(consents: number) {
  const p = await wechatApplicant(world, { consents: consents + 1 });
  const phone = randomMobile();
  const user = { api: p.api, user: { id: p.user.id } } as unknown as TestUser;
  await givePhone(user, phone);
  const app = await applicationOf(user);
  await drain(worker);
  return { ...p, phone, app, user };
}

const wechatTo = (openid: string) => world.stub.messages.filter((m) => m.touser === openid);

describe('which channel reaches the applicant', () => {
  it('uses WeChat where it reaches them, and SMS where it does not (no subscription left)', async () => {
    const p = await person(1);
    const before = wechatTo(p.openid).length;
    await notify(p.app, ['accepted']);
    await drain(worker);
    expect(wechatTo(p.openid)).toHaveLength(before + 1);
    expect(sms.sentTo(p.phone)).toHaveLength(0);

    // The one consent is used up: the next message goes by SMS.
    const [id] = await notify(p.app, ['dispatched']);
    await drain(worker);
    expect(wechatTo(p.openid)).toHaveLength(before + 1);
    expect(sms.sentTo(p.phone)).toHaveLength(1);
    expect((await OutboxMessage.findByPk(id))?.channel).toBe('sms');
  });

  it('sends what must not be missed by WeChat and by SMS', async () => {
    const p = await person(5);
    const before = wechatTo(p.openid).length;
    const ids = await notify(p.app, [...MUST_REACH_EVENTS]);
    await drain(worker);
    expect(wechatTo(p.openid)).toHaveLength(before + MUST_REACH_EVENTS.length);
    expect(sms.sentTo(p.phone)).toHaveLength(MUST_REACH_EVENTS.length);
    for (const id of ids) {
      expect((await deliveriesOf(id)).map((d) => [d.channel, d.outcome])).toEqual([
        ['mp_subscribe', 'sent'],
        ['sms', 'sent'],
      ]);
      expect((await OutboxMessage.findByPk(id))?.status).toBe('sent');
    }
  });

  it('respects an applicant turning SMS off, except for what must not be missed', async () => {
    const p = await person(0);
    const shown = await p.api.get<{ data: SmsPreferenceView }>('/api/notifications/sms-preference');
    expect(shown.body.data).toEqual({ smsEnabled: true, hasMobile: true, mustReach: ['请确认施工图和预算', '请缴费', '已通水'] });
    const bad = await p.api.put('/api/notifications/sms-preference', { smsEnabled: 'no' });
    expect(bad.status).toBe(400);
    const off = await p.api.put<{ data: SmsPreferenceView }>('/api/notifications/sms-preference', { smsEnabled: false });
    expect(off.status).toBe(200);
    expect(off.body.data.smsEnabled).toBe(false);

    const [quiet, loud] = await notify(p.app, ['contract_signed', 'payment_due']);
    await drain(worker);
    expect(sms.sentTo(p.phone).map((m) => m.params.text)).toHaveLength(1);
    expect(sms.sentTo(p.phone)[0]?.params.text).toBe('请缴费');
    expect((await OutboxMessage.findByPk(quiet))?.status).toBe('recorded');
    expect((await OutboxMessage.findByPk(loud))?.status).toBe('sent');
  });

  it('retries only the SMS when it failed after WeChat sent a must-reach message: WeChat is not sent twice', async () => {
    const p = await person(3);
    const before = wechatTo(p.openid).length;
    sms.failNext('isp.SYSTEM_ERROR');
    const [id] = await notify(p.app, ['water_on']);
    await drain(worker);
    const row = await OutboxMessage.findByPk(id);
    expect(row?.status).toBe('pending');
    expect(wechatTo(p.openid)).toHaveLength(before + 1);
    expect(sms.sentTo(p.phone)).toHaveLength(0);

    const later = () => new Date(Date.now() + 10 * 60_000);
    await drain(worker, later);
    expect(wechatTo(p.openid)).toHaveLength(before + 1);
    expect(sms.sentTo(p.phone)).toHaveLength(1);
    expect((await deliveriesOf(id!)).map((d) => [d.channel, d.outcome])).toEqual([
      ['mp_subscribe', 'sent'],
      ['sms', 'error'],
      ['sms', 'sent'],
    ]);
    expect((await OutboxMessage.findByPk(id))?.status).toBe('sent');
  });
});

describe('exactly once', () => {
  it('sends each SMS once while two workers here and one in another process compete for the rows', async () => {
    const people = await Promise.all([person(4), person(4), person(0), person(0)]);
    const child: ChildProcess = spawnWorker(world, { ...sms.env(SMS_ENV), LOG_LEVEL: 'warn' });
    try {
      const ids: number[] = [];
      for (const p of people) {
        ids.push(...(await notify(p.app, ['accepted', 'budget_to_confirm', 'completed', 'water_on'])));
      }
      const a = new OutboxWorker(world.server.config, { id: 'worker-a', batchSize: 3 });
      const b = new OutboxWorker(world.server.config, { id: 'worker-b', batchSize: 3 });
      const until = Date.now() + 40_000;
      while ((await OutboxMessage.count({ where: { id: ids, status: ['pending', 'sending'] } })) > 0 && Date.now() < until) {
        await Promise.all([a.runOnce(), b.runOnce()]);
      }
      expect(await OutboxMessage.count({ where: { id: ids, status: 'sent' } })).toBe(ids.length);
      for (const [i, p] of people.entries()) {
        const texts = sms.sentTo(p.phone).map((m) => m.params.text);
        // With WeChat: SMS only for the two must-reach events; without: all four, each once.
        expect(texts).toHaveLength(i < 2 ? 2 : 4);
        expect(new Set(texts).size).toBe(texts.length);
      }
      for (const id of ids) {
        const sent = (await deliveriesOf(id)).filter((d) => d.outcome === 'sent').map((d) => d.channel);
        expect(new Set(sent).size).toBe(sent.length);
      }
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  });
});
