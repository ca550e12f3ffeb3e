import { SMS_PARAM_MAX_CHARS, maskPhone, type SentNotificationView } from '@wc/shared';
import { OutboxMessage, SmsTemplate } from '../../src/models';
import { AliyunSmsSender } from '../../src/sms/aliyun';
import { ChannelSendError } from '../../src/workers/channels/errors';
import { OutboxWorker } from '../../src/workers';
import type { AliyunSmsStub } from '../../../test/stubs/aliyunSms';
import { createApplicant, createStaff, type TestUser } from '../support/factories';
import { capturedLogs, startTestServer, type TestServer } from '../support/testServer';
import {
  PROGRESS_TEMPLATE,
  applicationOf,
  deliveriesOf,
  drain,
  givePhone,
  notify,
  randomMobile,
  setProgressTemplates,
  startSmsStub,
} from './support';

jest.setTimeout(60_000);

let sms: AliyunSmsStub;
let server: TestServer;
let admin: TestUser;
let worker: OutboxWorker;

beforeAll(async () => {
  sms = await startSmsStub();
  // Our own per-phone limit above the platform's, so that the platform's flow control is what answers here.
  server = await startTestServer(
    sms.env({ SMS_LIMIT_PER_PHONE_MINUTE: '10', SMS_LIMIT_PER_PHONE_HOUR: '50', SMS_LIMIT_PER_PHONE_DAY: '100' }),
  );
  admin = await createStaff(server.url, ['admin']);
  worker = new OutboxWorker(server.config, { id: 'sms-worker' });
  // Not for 提交 (sent when the application is made), so each test's own messages are the first to each phone.
  await setProgressTemplates(['accepted', 'dispatched', 'returned', 'handed_over', 'completed']);
});
afterAll(async () => {
  await server.close();
  await sms.close();
});

/** An applicant with no WeChat: SMS is the only way to reach them. */
async function smsApplicant(): Promise<{ user: TestUser; phone: string }> {
  const user = await createApplicant(server.url);
  const phone = randomMobile();
  await givePhone(user, phone);
  return { user, phone };
}

async function adminRow(id: number): Promise<SentNotificationView> {
  const res = await admin.api.get<{ data: SentNotificationView[] }>('/api/admin/notifications?pageSize=100');
  expect(res.status).toBe(200);
  const row = res.body.data.find((r) => r.id === id);
  if (!row) {
    throw new Error(`notification ${id} not listed`);
  }
  return row;
}

describe('SMS through the Aliyun SDK', () => {
  it('sends a progress message the platform accepts (signed request, template variables filled), and records 已发送', async () => {
    const { user, phone } = await smsApplicant();
    const app = await applicationOf(user);
    const [id] = await notify(app, ['accepted']);
    await drain(worker);

    const got = sms.sentTo(phone);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ templateCode: PROGRESS_TEMPLATE.code, signName: '自来水有限公司' });
    expect(got[0]?.text).toBe(`【自来水有限公司】您的报装${app.number}有新进展：您的报装申请${app.number}已审核通过，进入派工环节。`);
    const row = await adminRow(id!);
    expect(row.status).toBe('sent');
    expect(row.channelLabel).toBe('短信');
    expect(row.lastAttempt).toMatchObject({ channel: 'sms', outcome: 'sent', outcomeLabel: '已发送', recipient: maskPhone(phone) });
    const [delivery] = await deliveriesOf(id!);
    expect(delivery?.msgId).toBe(got[0]?.bizId);
  });

  it('is refused by the platform when the request is signed with the wrong secret; nothing is sent', async () => {
    const wrong = new AliyunSmsSender({ ...server.config.sms, accessKeySecret: 'not-the-secret' });
    const phone = randomMobile();
    const failure = await wrong.send({ phone, template: 'accepted', params: { number: 'WS1', text: '测试' } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ChannelSendError);
    expect(failure).toMatchObject({ kind: 'refused', code: 'SignatureDoesNotMatch' });
    expect(sms.requests.at(-1)).toMatchObject({ status: 400, code: 'SignatureDoesNotMatch' });
    expect(sms.sentTo(phone)).toHaveLength(0);
  });

  it.each([
    [
      'isv.SMS_SIGNATURE_ILLEGAL',
      '短信签名不合法',
      () => sms.signNames.delete('自来水有限公司'),
      () => sms.signNames.add('自来水有限公司'),
    ],
    [
      'isv.SMS_TEMPLATE_ILLEGAL',
      '短信模板不合法',
      () => SmsTemplate.update({ templateCode: 'SMS_555555' }, { where: { key: 'dispatched' } }),
      () => SmsTemplate.update({ templateCode: PROGRESS_TEMPLATE.code }, { where: { key: 'dispatched' } }),
    ],
    ['isv.MOBILE_NUMBER_ILLEGAL', '号码格式错误', () => sms.failNext('isv.MOBILE_NUMBER_ILLEGAL'), () => undefined],
    ['isv.AMOUNT_NOT_ENOUGH', '短信账户余额不足', () => sms.failNext('isv.AMOUNT_NOT_ENOUGH'), () => undefined],
  ])('records the platform refusing with %s as 失败 with the reason, and does not retry', async (code, reason, before, after) => {
    const { user, phone } = await smsApplicant();
    const app = await applicationOf(user);
    await before();
    try {
      const [id] = await notify(app, ['dispatched']);
      await drain(worker);
      expect(sms.sentTo(phone)).toHaveLength(0);
      const row = await adminRow(id!);
      expect(row.status).toBe('failed');
      expect(row.lastAttempt).toMatchObject({ channel: 'sms', outcome: 'refused', errorKey: code });
      expect(row.lastAttempt?.outcomeLabel).toContain(`失败（${reason}`);
      expect((await OutboxMessage.findByPk(id))?.attempts).toBe(1);
    } finally {
      await after();
    }
  });

  it('holds a message back as 限流 when the platform applies flow control, and delivers it once the minute has passed', async () => {
    const { user, phone } = await smsApplicant();
    const app = await applicationOf(user);
    const [first, second] = await notify(app, ['accepted', 'dispatched']);
    await drain(worker);
    expect(sms.sentTo(phone)).toHaveLength(1);
    const held = await adminRow(second!);
    expect(held.status).toBe('pending');
    expect(held.lastAttempt).toMatchObject({ outcome: 'limited', errorKey: 'isv.BUSINESS_LIMIT_CONTROL' });
    expect(held.lastAttempt?.outcomeLabel).toBe('限流（短信平台触发分钟级流控Permits:1）');
    expect(new Date(held.nextAttemptAt ?? 0).getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect((await adminRow(first!)).status).toBe('sent');

    // A minute later, for the platform and for us.
    const later = () => new Date(Date.now() + 61_000);
    sms.now = () => later().getTime();
    server.running.services.now = later;
    try {
      await drain(worker, later);
    } finally {
      sms.now = () => Date.now();
      server.running.services.now = undefined;
    }
    expect(sms.sentTo(phone)).toHaveLength(2);
    const row = await adminRow(second!);
    expect(row.status).toBe('sent');
    expect(row.deliveries.map((d) => d.outcome)).toEqual(['sent', 'limited']);
  });

  it('shortens a name that does not fit the 35-character variable and says so; refuses a text that does not fit, with the reason', async () => {
    await SmsTemplate.update(
      {
        params: [
          { name: 'number', value: 'number' },
          { name: 'text', value: 'name' },
        ],
      },
      { where: { key: 'handed_over' } },
    );
    const { user, phone } = await smsApplicant();
    const longName = '某某市某某区某某街道某某社区第一第二第三第四第五第六第七期安置房配套供水工程项目';
    expect([...longName].length).toBeGreaterThan(SMS_PARAM_MAX_CHARS);
    const app = await applicationOf(user, { name: longName });
    const [fitted] = await notify(app, ['handed_over']);
    await drain(worker);
    const got = sms.sentTo(phone);
    expect(got).toHaveLength(1);
    expect([...(got[0]?.params.text ?? '')]).toHaveLength(SMS_PARAM_MAX_CHARS);
    expect(got[0]?.params.text?.endsWith('…')).toBe(true);
    const fittedRow = await adminRow(fitted!);
    expect(fittedRow.status).toBe('sent');
    expect(fittedRow.lastAttempt?.outcomeLabel).toContain('已截短为 35 个字后发送：text（申请人');

    // A text: cut short it would lose its point, so it is refused before reaching the platform.
    const long = '施工图纸中的管径与现场条件不符，需要重新勘察并调整方案，请联系客户经理确认。';
    const [refused] = await notify(app, ['returned'], long);
    const requests = sms.requests.length;
    await drain(worker);
    expect(sms.requests.length).toBe(requests);
    const refusedRow = await adminRow(refused!);
    expect(refusedRow.status).toBe('failed');
    expect(refusedRow.lastAttempt).toMatchObject({ outcome: 'refused', errorKey: 'param_too_long' });
    expect(refusedRow.lastAttempt?.outcomeLabel).toMatch(
      /失败（短信模板变量 text（通知内容）有 \d+ 个字，超过每个变量 35 个字的限制，短信未发送）/,
    );
  });

  it('never writes a full phone number to the log or the delivery record', async () => {
    const { user, phone } = await smsApplicant();
    const app = await applicationOf(user);
    const [id] = await notify(app, ['completed']);
    await drain(worker);
    expect(sms.sentTo(phone)).toHaveLength(1);
    const res = await admin.api.get('/api/admin/notifications?pageSize=100');
    expect(JSON.stringify(res.body)).not.toContain(phone);
    expect(JSON.stringify(await deliveriesOf(id!))).not.toContain(phone);
    expect(capturedLogs.join('')).not.toContain(phone);
    expect(capturedLogs.join('')).toContain(maskPhone(phone));
  });
});
