/**
 * 手机号注册 and 忘记密码 with SMS codes, through the real server and the real Aliyun SDK against
 * the loopback stub: the code arrives by SMS, only its keyed hash is stored, wrong and expired codes
 * get Chinese messages under the field, five wrong entries end a code, and the send limits hold.
 */
import type { CodeSentView } from '@wc/shared';
import { VerificationCode } from '../../src/models';
import { Api } from '../support/api';
import { unique } from '../support/factories';
import type { TestServer } from '../support/testServer';
import type { ErrorReply } from '../support/workflow';
import type { AliyunSmsStub } from '../../../test/stubs/aliyunSms';
import { clientAt, lastCode, randomMobile, startWithSms, wrongCode } from './support';

let server: TestServer;
let sms: AliyunSmsStub;
let api: Api;

beforeAll(async () => {
  ({ server, sms } = await startWithSms());
  // The platform's own flow control is not what these tests are about.
  sms.limits = { perMinute: 100, perHour: 100, perDay: 100 };
});
beforeEach(() => {
  api = clientAt(server.url);
});
afterAll(async () => {
  await server?.close();
  await sms?.close();
});

type TokenReply = { data: { token: string; user: { username: string; phone: string | null } } } & ErrorReply;

function registration(phone: string, smsCode: string, username = unique('u').slice(0, 20)) {
  return { username, password: 'abc12345', kind: 'resident', displayName: '李四', phone, agreedPrivacy: true, smsCode };
}

const fieldMessage = (body: ErrorReply, path: string) => body.error.details?.find((d) => d.path === path)?.message;

describe('手机号注册', () => {
  it('texts a code to the phone and registers with it; the code is stored only as a keyed hash', async () => {
    const phone = randomMobile();
    const sent = await api.post<{ data: CodeSentView }>('/api/auth/register/code', { phone: `${phone.slice(0, 3)} ${phone.slice(3)}` });
    expect(sent.status).toBe(200);
    expect(sent.body.data).toEqual({
      sentTo: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      expiresInSeconds: 300,
      resendAfterSeconds: 60,
      localCode: null,
    });
    const code = lastCode(sms, phone);
    expect(sms.sentTo(phone)[0]?.text).toBe(`【自来水有限公司】您的验证码为${code}，5分钟内有效，请勿泄露给他人。`);

    const row = await VerificationCode.findOne({ where: { phone, purpose: 'register' } });
    expect(row?.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row?.toJSON())).not.toContain(code);

    const res = await api.post<TokenReply>('/api/auth/register', registration(phone, code));
    expect(res.status).toBe(201);
    expect(res.body.data.user.phone).toBe(phone);
    // Used once: the same code does not register a second account.
    const again = await api.post<ErrorReply>('/api/auth/register', registration(phone, code));
    expect(again.status).toBe(400);
    expect(fieldMessage(again.body, 'smsCode')).toBe('验证码已使用，请重新获取');
  });

  it('refuses registration without a code, or with a code never asked for, under the code field', async () => {
    const phone = randomMobile();
    const missing = await api.post<ErrorReply>('/api/auth/register', { ...registration(phone, ''), smsCode: undefined });
    expect(fieldMessage(missing.body, 'smsCode')).toBe('请填写验证码');
    const malformed = await api.post<ErrorReply>('/api/auth/register', registration(phone, '12ab'));
    expect(fieldMessage(malformed.body, 'smsCode')).toBe('验证码为6位数字');
    const never = await api.post<ErrorReply>('/api/auth/register', registration(phone, '123456'));
    expect(never.status).toBe(400);
    expect(fieldMessage(never.body, 'smsCode')).toBe('请先获取验证码');
  });

  it('counts wrong codes down, and after five wrong entries refuses even the right one', async () => {
    const phone = randomMobile();
    await api.post('/api/auth/register/code', { phone });
    const code = lastCode(sms, phone);
    const messages: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await api.post<ErrorReply>('/api/auth/register', registration(phone, wrongCode(code)));
      expect(res.status).toBe(400);
      messages.push(fieldMessage(res.body, 'smsCode'));
    }
    expect(messages).toEqual([
      '验证码不正确，还可以输入4次',
      '验证码不正确，还可以输入3次',
      '验证码不正确，还可以输入2次',
      '验证码不正确，还可以输入1次',
      '验证码错误次数过多，已失效，请重新获取',
      '验证码错误次数过多，已失效，请重新获取',
    ]);
    const right = await api.post<ErrorReply>('/api/auth/register', registration(phone, code));
    expect(right.status).toBe(400);
    expect(fieldMessage(right.body, 'smsCode')).toBe('验证码错误次数过多，已失效，请重新获取');
  });

  it('uses a code once even when two registrations send it at the same moment', async () => {
    const phone = randomMobile();
    await api.post('/api/auth/register/code', { phone });
    const code = lastCode(sms, phone);
    const replies = await Promise.all([
      api.post<ErrorReply>('/api/auth/register', registration(phone, code)),
      api.post<ErrorReply>('/api/auth/register', registration(phone, code)),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 400]);
    const refused = replies.find((r) => r.status === 400);
    expect(refused && fieldMessage(refused.body, 'smsCode')).toBe('验证码已使用，请重新获取');
  });

  it('refuses an expired code', async () => {
    const phone = randomMobile();
    await api.post('/api/auth/register/code', { phone });
    await VerificationCode.update({ expiresAt: new Date(Date.now() - 1000) }, { where: { phone } });
    const res = await api.post<ErrorReply>('/api/auth/register', registration(phone, lastCode(sms, phone)));
    expect(fieldMessage(res.body, 'smsCode')).toBe('验证码已过期，请重新获取');
  });

  it('keeps the code usable when the user name is taken, and registers once a free one is chosen', async () => {
    const first = randomMobile();
    await api.post('/api/auth/register/code', { phone: first });
    const taken = unique('t').slice(0, 20);
    expect((await api.post('/api/auth/register', registration(first, lastCode(sms, first), taken))).status).toBe(201);

    const phone = randomMobile();
    await api.post('/api/auth/register/code', { phone });
    const code = lastCode(sms, phone);
    const clash = await api.post<ErrorReply>('/api/auth/register', registration(phone, code, taken));
    expect(fieldMessage(clash.body, 'username')).toBe('用户名已被使用');
    expect((await api.post('/api/auth/register', registration(phone, code))).status).toBe(201);
  });

  it('limits codes per phone: one a minute, five an hour, ten a day — counted in the database', async () => {
    const phone = randomMobile();
    expect((await api.post('/api/auth/register/code', { phone })).status).toBe(200);
    const soon = await api.post<ErrorReply>('/api/auth/register/code', { phone });
    expect([soon.status, soon.body.error.message]).toEqual([429, '验证码已发送，请1分钟后再获取']);
    expect(sms.sentTo(phone)).toHaveLength(1);

    // Earlier codes of this phone, as other processes would have stored them.
    const earlier = (minutesAgo: number) =>
      VerificationCode.create({
        purpose: 'register',
        phone,
        target: '',
        codeHash: '0'.repeat(64),
        delivered: true,
        ip: null,
        expiresAt: new Date(Date.now() - minutesAgo * 60_000 + 300_000),
        usedAt: null,
        createdAt: new Date(Date.now() - minutesAgo * 60_000),
      });
    await VerificationCode.update({ createdAt: new Date(Date.now() - 2 * 60_000) }, { where: { phone } });
    for (const minutes of [10, 20, 30, 40]) {
      await earlier(minutes);
    }
    const hourly = await api.post<ErrorReply>('/api/auth/register/code', { phone });
    expect(hourly.body.error.message).toBe('该手机号获取验证码过于频繁，请1小时后再试');

    await VerificationCode.update({ createdAt: new Date(Date.now() - 2 * 3_600_000) }, { where: { phone } });
    for (const minutes of [300, 400, 500, 600, 700]) {
      await earlier(minutes);
    }
    const daily = await api.post<ErrorReply>('/api/auth/register/code', { phone });
    expect([daily.status, daily.body.error.message]).toEqual([429, '该手机号今日获取验证码次数已达上限，请明天再试']);
    expect(sms.sentTo(phone)).toHaveLength(1);
  });
});

describe('per client address', () => {
  it('refuses a 31st code within an hour from one address, whatever the numbers, counted across processes', async () => {
    const address = '10.77.0.1';
    const at = (phone: string) => api.post<ErrorReply>('/api/auth/register/code', { phone }, { 'x-forwarded-for': address });
    expect((await at(randomMobile())).status).toBe(200);
    // Codes the same address got from other API processes: they are rows, not memory.
    for (let i = 0; i < 29; i++) {
      await VerificationCode.create({
        purpose: 'register',
        phone: randomMobile(),
        target: '',
        codeHash: '0'.repeat(64),
        delivered: true,
        ip: address,
        expiresAt: new Date(Date.now() + 60_000),
        usedAt: null,
        createdAt: new Date(Date.now() - 30 * 60_000),
      });
    }
    const phone = randomMobile();
    const refused = await at(phone);
    expect([refused.status, refused.body.error.message]).toEqual([429, '获取验证码过于频繁，请稍后再试']);
    expect(sms.sentTo(phone)).toHaveLength(0);
    // Another address is not affected.
    expect((await api.post('/api/auth/register/code', { phone })).status).toBe(200);
  });
});

describe('忘记密码', () => {
  async function registered(phone: string, username = unique('f').slice(0, 20)): Promise<string> {
    const client = clientAt(server.url);
    await client.post('/api/auth/register/code', { phone });
    const res = await client.post<TokenReply>('/api/auth/register', registration(phone, lastCode(sms, phone), username));
    expect(res.status).toBe(201);
    await VerificationCode.update({ createdAt: new Date(Date.now() - 2 * 60_000) }, { where: { phone } });
    return res.body.data.token;
  }

  it('resets the password of the account on that phone, ends its other sessions, and logs in with the new one', async () => {
    const phone = randomMobile();
    const username = unique('f').slice(0, 20);
    const oldToken = await registered(phone, username);
    expect((await api.post<{ data: CodeSentView }>('/api/auth/password/forgot/code', { phone })).status).toBe(200);
    const code = lastCode(sms, phone);
    const wrong = await api.post<ErrorReply>('/api/auth/password/forgot', { phone, smsCode: wrongCode(code), newPassword: 'new12345' });
    expect(fieldMessage(wrong.body, 'smsCode')).toBe('验证码不正确，还可以输入4次');
    const weak = await api.post<ErrorReply>('/api/auth/password/forgot', { phone, smsCode: code, newPassword: '12345678' });
    expect(fieldMessage(weak.body, 'newPassword')).toBe('密码需同时包含字母和数字');

    const reset = await api.post<TokenReply>('/api/auth/password/forgot', { phone, smsCode: code, newPassword: 'new12345' });
    expect(reset.status).toBe(200);
    expect(reset.body.data.user.username).toBe(username);
    expect((await new Api(server.url, oldToken).get('/api/auth/me')).status).toBe(401);
    expect((await api.post('/api/auth/login', { username, password: 'abc12345' })).status).toBe(401);
    expect((await api.post('/api/auth/login', { username, password: 'new12345' })).status).toBe(200);
  });

  it('answers a phone without an account exactly as one with, sends it nothing, and never accepts a code for it', async () => {
    const known = randomMobile();
    await registered(known);
    const stranger = randomMobile();
    const a = await api.post<{ data: CodeSentView }>('/api/auth/password/forgot/code', { phone: known });
    const b = await clientAt(server.url).post<{ data: CodeSentView }>('/api/auth/password/forgot/code', { phone: stranger });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(Object.keys(b.body.data)).toEqual(Object.keys(a.body.data));
    expect(b.body.data.localCode).toBeNull();
    expect(sms.sentTo(stranger)).toHaveLength(0);
    const guess = await api.post<ErrorReply>('/api/auth/password/forgot', { phone: stranger, smsCode: '123456', newPassword: 'new12345' });
    expect(fieldMessage(guess.body, 'smsCode')).toMatch(/^验证码不正确/);
  });

  it('asks which account when several share the phone, and keeps the code for the answer', async () => {
    const phone = randomMobile();
    const first = unique('m').slice(0, 20);
    await registered(phone, first);
    await registered(phone);
    await api.post('/api/auth/password/forgot/code', { phone });
    const code = lastCode(sms, phone);
    const which = await api.post<ErrorReply>('/api/auth/password/forgot', { phone, smsCode: code, newPassword: 'new12345' });
    expect(fieldMessage(which.body, 'username')).toBe('该手机号注册了多个账号，请填写要找回密码的用户名');
    const named = await api.post<TokenReply>('/api/auth/password/forgot', {
      phone,
      smsCode: code,
      newPassword: 'new12345',
      username: first,
    });
    expect([named.status, named.body.data.user.username]).toEqual([200, first]);
  });
});
