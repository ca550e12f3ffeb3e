import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { User } from '../../src/models';
import { createApplicant } from '../support/factories';
import { capturedLogs, startTestServer } from '../support/testServer';
import { mpLogin, openidOf, startWechatWorld, type LoginReply, type WechatWorld } from './support';

let world: WechatWorld;

beforeAll(async () => {
  world = await startWechatWorld();
});
afterAll(() => world.close());

describe('mini program login', () => {
  it('creates an applicant linked to the openid, and finds the same account next time', async () => {
    const openid = openidOf('mp');
    const first = await world.api.post<LoginReply>('/api/wechat/mp-login', {
      code: world.stub.loginCode(openid, 'union-a1'),
      agreedPrivacy: true,
    });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ isNew: true, privacyAgreed: true, user: { kind: 'applicant', wechatBound: true } });

    const me = await world.api.as(first.body.data.token).get<{ data: { id: number } }>('/api/auth/me');
    expect(me.body.data.id).toBe(first.body.data.user.id);
    const stored = await User.findByPk(first.body.data.user.id);
    expect(stored).toMatchObject({ openid, unionid: 'union-a1', passwordHash: null });
    expect(stored?.privacyAgreedAt).toBeInstanceOf(Date);

    const again = await world.api.post<LoginReply>('/api/wechat/mp-login', { code: world.stub.loginCode(openid) });
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ isNew: false, user: { id: first.body.data.user.id } });
  });

  it('records no consent the user did not give', async () => {
    const res = await world.api.post<LoginReply>('/api/wechat/mp-login', { code: world.stub.loginCode(openidOf('mp')) });
    expect(res.body.data).toMatchObject({ isNew: true, privacyAgreed: false });
    const consent = await world.api
      .as(res.body.data.token)
      .post<{ data: { privacyAgreed: boolean } }>('/api/wechat/consent', { agreedPrivacy: true });
    expect(consent.body.data.privacyAgreed).toBe(true);
  });

  it('ignores an openid sent by the client: only the code says who this is', async () => {
    const victim = await mpLogin(world, openidOf('victim'));
    const victimOpenid = (await User.findByPk(victim.user.id))?.openid;
    const attacker = openidOf('attacker');
    const res = await world.api.post<LoginReply>('/api/wechat/mp-login', { code: world.stub.loginCode(attacker), openid: victimOpenid });
    expect(res.status).toBe(200);
    expect(res.body.data.user.id).not.toBe(victim.user.id);
    expect((await User.findByPk(res.body.data.user.id))?.openid).toBe(attacker);
  });

  it('refuses a code WeChat does not know', async () => {
    const res = await world.api.post<LoginReply>('/api/wechat/mp-login', { code: 'not-a-real-code' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(res.body.error.message).toContain('微信登录凭证');
  });

  it('uses a code once: the second attempt is refused without asking WeChat again', async () => {
    const code = world.stub.loginCode(openidOf('mp'));
    expect((await world.api.post('/api/wechat/mp-login', { code })).status).toBe(200);
    const second = await world.api.post<LoginReply>('/api/wechat/mp-login', { code });
    expect(second.status).toBe(401);
    expect(second.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(world.stub.requests.filter((r) => r.path === 'sns/jscode2session' && r.query.js_code === code)).toHaveLength(1);
  });

  it('passes on what WeChat says: rate limit, risky account, outage', async () => {
    const cases: [number, number, string][] = [
      [45011, 429, 'RATE_LIMITED'],
      [40226, 403, 'FORBIDDEN'],
      [-1, 502, 'WECHAT_ERROR'],
      [40013, 502, 'WECHAT_ERROR'],
    ];
    for (const [errcode, status, code] of cases) {
      world.stub.failNext('sns/jscode2session', errcode);
      const res = await world.api.post<LoginReply>('/api/wechat/mp-login', { code: world.stub.loginCode(openidOf('mp')) });
      expect([errcode, res.status, res.body.error.code]).toEqual([errcode, status, code]);
    }
  });

  it('refuses a missing or malformed code with a field message', async () => {
    const res = await world.api.post<LoginReply & { error: { details: { path: string }[] } }>('/api/wechat/mp-login', {});
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]?.path).toBe('code');
    expect((await world.api.post('/api/wechat/mp-login', { code: '含中文' })).status).toBe(400);
  });

  it('never lets the session key out: not in the reply, not in the logs', async () => {
    const before = capturedLogs.length;
    const code = world.stub.loginCode(openidOf('mp'));
    const res = await world.api.post('/api/wechat/mp-login', { code });
    const sessionKey = (world.stub.requests.find((r) => r.query.js_code === code)?.reply as { session_key: string }).session_key;
    expect(sessionKey).toMatch(/^SK_/);
    expect(JSON.stringify(res.body)).not.toContain(sessionKey);
    expect(capturedLogs.slice(before).join('')).not.toContain(sessionKey);
    expect(capturedLogs.join('')).not.toContain(world.stub.miniProgram.secret);
  });

  it('redacts session keys should anything ever log one', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    createLogger('info', sink).info({ session_key: 'SK_secret1', wx: { sessionKey: 'SK_secret2' } }, 'x');
    expect(lines.join('')).not.toMatch(/SK_secret/);
    expect(lines.join('')).toContain('[redacted]');
  });
});

describe('linking and phone number', () => {
  it('binds a password account to WeChat once; another account cannot take the same WeChat', async () => {
    const applicant = await createApplicant(world.server.url);
    const openid = openidOf('bind');
    const bound = await applicant.api.post<{ data: { wechatBound: boolean } }>('/api/wechat/mp-bind', {
      code: world.stub.loginCode(openid),
    });
    expect(bound.status).toBe(200);
    expect(bound.body.data.wechatBound).toBe(true);
    const login = await world.api.post<LoginReply>('/api/wechat/mp-login', { code: world.stub.loginCode(openid) });
    expect(login.body.data.user.id).toBe(applicant.user.id);

    const other = await createApplicant(world.server.url);
    const taken = await other.api.post<LoginReply>('/api/wechat/mp-bind', { code: world.stub.loginCode(openid) });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe('该微信已绑定其他账号');
  });

  it('sets the phone from getPhoneNumber, exchanged on the server, after consent only', async () => {
    const noConsent = await world.api.post<LoginReply>('/api/wechat/mp-login', { code: world.stub.loginCode(openidOf('ph')) });
    const refused = await world.api
      .as(noConsent.body.data.token)
      .post<LoginReply>('/api/wechat/bind-phone', { code: world.stub.phoneCode('13800001111') });
    expect(refused.status).toBe(403);

    const { api } = await mpLogin(world, openidOf('ph'));
    const code = world.stub.phoneCode('13800002222');
    const res = await api.post<{ data: { phone: string } }>('/api/wechat/bind-phone', { code });
    expect(res.status).toBe(200);
    expect(res.body.data.phone).toBe('13800002222');
    expect((await api.post('/api/wechat/bind-phone', { code })).status).toBe(401);
    const call = world.stub.requests.find(
      (r) => r.path === 'wxa/business/getuserphonenumber' && (r.body as { code: string }).code === code,
    );
    expect(call?.query.access_token).toMatch(new RegExp(`^AT_${world.stub.miniProgram.appId}_`));
  });
});

describe('local mode', () => {
  it('answers a WeChat login with a clear refusal when no app is configured', async () => {
    const local = await startTestServer();
    try {
      const res = await fetch(`${local.url}/api/wechat/mp-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'anything' }),
      });
      const body = (await res.json()) as LoginReply;
      expect(res.status).toBe(400);
      expect(body.error.message).toContain('账号密码登录');
      const status = (await (await fetch(`${local.url}/api/wechat/status`)).json()) as { data: { miniProgramLogin: boolean } };
      expect(status.data.miniProgramLogin).toBe(false);
    } finally {
      await local.close();
    }
  });
});
