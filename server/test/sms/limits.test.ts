import type { SentNotificationView } from '@wc/shared';
import { takeQuota } from '../../src/sms/quota';
import { OutboxWorker } from '../../src/workers';
import type { AliyunSmsStub } from '../../../test/stubs/aliyunSms';
import { createApplicant, createStaff, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import { applicationOf, drain, givePhone, notify, randomMobile, setProgressTemplates, startSmsStub } from './support';

jest.setTimeout(60_000);

let sms: AliyunSmsStub;
let server: TestServer;
let admin: TestUser;

beforeAll(async () => {
  sms = await startSmsStub();
  // The platform lets everything through here: these are our own limits.
  sms.limits = { perMinute: 1000, perHour: 1000, perDay: 1000 };
  server = await startTestServer(
    sms.env({ SMS_LIMIT_PER_PHONE_MINUTE: '1', SMS_LIMIT_PER_PHONE_HOUR: '5', SMS_LIMIT_PER_PHONE_DAY: '3', SMS_LIMIT_TOTAL_DAY: '6' }),
  );
  admin = await createStaff(server.url, ['admin']);
  await setProgressTemplates(['accepted', 'dispatched', 'contract_submitted', 'contract_signed']);
});
afterAll(async () => {
  server.running.services.now = undefined;
  await server.close();
  await sms.close();
});

async function adminRows(ids: number[]): Promise<SentNotificationView[]> {
  const res = await admin.api.get<{ data: SentNotificationView[] }>('/api/admin/notifications?pageSize=100');
  return ids.map((id) => {
    const row = res.body.data.find((r) => r.id === id);
    if (!row) {
      throw new Error(`notification ${id} not listed`);
    }
    return row;
  });
}

/** Moves our clock (and the worker's) `ms` ahead of the real one. */
function shiftClock(ms: number): () => Date {
  const at = () => new Date(Date.now() + ms);
  server.running.services.now = at;
  return at;
}

describe('our SMS limits', () => {
  it('grants the one send a minute to only one of five concurrent senders for the same phone', async () => {
    const phone = randomMobile();
    const answers = await Promise.all(Array.from({ length: 5 }, () => takeQuota(server.config.sms.limits, phone, 'payment_due')));
    expect(answers.filter((a) => a.granted)).toHaveLength(1);
    const refused = answers.find((a) => !a.granted);
    expect(refused && !refused.granted ? refused.reason : null).toBe('同一号码每分钟最多 1 条通知');
  });

  it('holds messages to one phone as 限流 (1 a minute, 3 a day) and sends each once its window frees up', async () => {
    const user = await createApplicant(server.url);
    const phone = randomMobile();
    await givePhone(user, phone);
    const app = await applicationOf(user);
    const ids = await notify(app, ['accepted', 'dispatched', 'contract_submitted', 'contract_signed']);
    const worker = new OutboxWorker(server.config, { id: 'limits-worker' });

    await drain(worker, shiftClock(0));
    expect(sms.sentTo(phone)).toHaveLength(1);
    let rows = await adminRows(ids);
    expect(rows.map((r) => r.status)).toEqual(['sent', 'pending', 'pending', 'pending']);
    expect(rows[1]?.lastAttempt?.outcomeLabel).toBe('限流（同一号码每分钟最多 1 条通知）');

    await drain(worker, shiftClock(61_000));
    await drain(worker, shiftClock(122_000));
    expect(sms.sentTo(phone).map((m) => m.params.text)).toEqual(rows.slice(0, 3).map((r) => r.text));
    await drain(worker, shiftClock(183_000));
    rows = await adminRows(ids);
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'pending']);
    expect(rows[3]?.lastAttempt?.outcomeLabel).toBe('限流（同一号码每天最多 3 条）');
    // Tried again when the day (Beijing time) is over, not every minute.
    const next = new Date(rows[3]?.nextAttemptAt ?? 0);
    expect(next.getTime() - Date.now()).toBeGreaterThan(183_000);
    expect((next.getTime() + 8 * 3_600_000) % 86_400_000).toBe(0);
    expect(sms.sentTo(phone)).toHaveLength(3);
  });

  it('stops at the total for the day across all phones', async () => {
    // Used so far today: 1 (the concurrency test) + 3 (the phone above) of 6.
    const phones: string[] = [];
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const user = await createApplicant(server.url);
      const phone = randomMobile();
      await givePhone(user, phone);
      phones.push(phone);
      ids.push(...(await notify(await applicationOf(user), ['accepted'])));
    }
    await drain(new OutboxWorker(server.config, { id: 'total-worker' }), shiftClock(300_000));
    const rows = await adminRows(ids);
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'pending']);
    expect(rows[2]?.lastAttempt?.outcomeLabel).toBe('限流（全部号码每天合计最多 6 条）');
    expect(phones.map((p) => sms.sentTo(p).length)).toEqual([1, 1, 0]);
  });
});
