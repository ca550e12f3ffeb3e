import jwt from 'jsonwebtoken';
import { Api } from '../support/api';
import { createApplicant, createStaff, enterpriseForm, TEST_PASSWORD, unique } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let api: Api;

beforeAll(async () => {
  server = await startTestServer();
  api = new Api(server.url);
});
afterAll(() => server.close());

describe('health', () => {
  it('names the database in use', async () => {
    const res = await api.get<{ status: string; database: string }>('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ status: 'ok', database: process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite' }));
  });
});

describe('login', () => {
  it('gives a token that opens /api/auth/me', async () => {
    const staff = await createStaff(server.url, ['reviewer'], '李娜');
    const res = await api.post<{ data: { token: string; user: { displayName: string; roles: string[] } } }>('/api/auth/login', {
      username: staff.user.username,
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.user).toMatchObject({ displayName: '李娜', roles: ['reviewer'] });
    const me = await api.as(res.body.data.token).get<{ data: { username: string } }>('/api/auth/me');
    expect(me.body.data.username).toBe(staff.user.username);
  });

  it('answers an unknown user and a wrong password alike', async () => {
    const staff = await createStaff(server.url, ['reviewer']);
    const wrong = await api.post<{ error: { code: string; message: string } }>('/api/auth/login', {
      username: staff.user.username,
      password: 'nope12345',
    });
    const unknown = await api.post<{ error: { code: string; message: string } }>('/api/auth/login', {
      username: unique('ghost'),
      password: 'nope12345',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.message).toBe('用户名或密码错误');
  });

  it('locks the account after five wrong passwords, even for the right one', async () => {
    const staff = await createStaff(server.url, ['reviewer']);
    for (let i = 0; i < 5; i++) {
      const res = await api.post('/api/auth/login', { username: staff.user.username, password: `wrong${i}xyz` });
      expect(res.status).toBe(401);
    }
    const locked = await api.post<{ error: { code: string; message: string } }>('/api/auth/login', {
      username: staff.user.username,
      password: TEST_PASSWORD,
    });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(locked.body.error.message).toContain('锁定');
  });

  it('refuses missing fields with Chinese messages', async () => {
    const res = await api.post<{ error: { details: { path: string; message: string }[] } }>('/api/auth/login', {});
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'username', message: '请填写用户名' },
        { path: 'password', message: '请填写密码' },
      ]),
    );
  });
});

describe('tokens', () => {
  const secret = () => server.config.jwtSecret;
  const claims = (sub: number) => ({ sub: String(sub), tv: 0, kind: 'staff' });

  it.each([
    ['no token', () => undefined],
    ['garbage', () => 'not.a.token'],
    [
      'alg none',
      (id: number) => jwt.sign(claims(id), '', { algorithm: 'none', issuer: 'water-connection', audience: 'water-connection-api' }),
    ],
    ['wrong key', (id: number) => jwt.sign(claims(id), 'x'.repeat(40), { issuer: 'water-connection', audience: 'water-connection-api' })],
    ['wrong audience', (id: number) => jwt.sign(claims(id), secret(), { issuer: 'water-connection', audience: 'someone-else' })],
    [
      'expired',
      (id: number) =>
        jwt.sign({ ...claims(id), exp: Math.floor(Date.now() / 1000) - 60 }, secret(), {
          issuer: 'water-connection',
          audience: 'water-connection-api',
        }),
    ],
  ])('refuses %s with 401', async (_name, make) => {
    const staff = await createStaff(server.url, ['reviewer']);
    const token = make(staff.user.id);
    const res = await (token ? api.as(token) : api).get<{ error: { code: string } }>('/api/applications');
    expect(res.status).toBe(401);
    expect(['UNAUTHENTICATED', 'TOKEN_EXPIRED']).toContain(res.body.error.code);
  });

  it('refuses a token it accepted once the token expires', async () => {
    const staff = await createStaff(server.url, ['reviewer']);
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const token = jwt.sign({ ...claims(staff.user.id), exp: expiresAt }, secret(), {
      issuer: 'water-connection',
      audience: 'water-connection-api',
    });
    expect((await api.as(token).get('/api/applications')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 50));
    const res = await api.as(token).get<{ error: { code: string } }>('/api/applications');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('TOKEN_EXPIRED');
  });

  it('stops working when the password changes', async () => {
    const applicant = await createApplicant(server.url);
    const res = await applicant.api.post<{ data: { token: string } }>('/api/auth/password', {
      oldPassword: TEST_PASSWORD,
      newPassword: 'newpass123',
    });
    expect(res.status).toBe(200);
    expect((await applicant.api.get('/api/auth/me')).status).toBe(401);
    expect((await api.as(res.body.data.token).get('/api/auth/me')).status).toBe(200);
  });
});

describe('registration', () => {
  /** The code texted to a phone; this server has no SMS configured, so the reply carries it (local mode). */
  async function localCode(phone: string): Promise<string> {
    const res = await api.post<{ data: { localCode: string | null } }>('/api/auth/register/code', { phone });
    return res.body.data.localCode ?? '';
  }

  it('creates an applicant who can log in', async () => {
    const username = unique('reg');
    const res = await api.post<{ data: { user: { kind: string; applicantKind: string } } }>('/api/auth/register', {
      username,
      password: 'abc12345',
      kind: 'resident',
      displayName: '王五',
      phone: '13612345678',
      agreedPrivacy: true,
      smsCode: await localCode('13612345678'),
    });
    expect(res.status).toBe(201);
    expect(res.body.data.user).toMatchObject({ kind: 'applicant', applicantKind: 'resident' });
    expect((await api.post('/api/auth/login', { username, password: 'abc12345' })).status).toBe(200);
  });

  it('refuses weak passwords, a taken name and missing consent', async () => {
    const staff = await createStaff(server.url, ['reviewer']);
    const res = await api.post<{ error: { details: { path: string; message: string }[] } }>('/api/auth/register', {
      username: staff.user.username,
      password: '12345678',
      kind: 'resident',
      displayName: '王五',
      phone: '136',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'password', message: '密码需同时包含字母和数字' },
        { path: 'phone', message: '手机号格式不正确' },
        { path: 'agreedPrivacy', message: '请阅读并同意隐私政策' },
      ]),
    );
    const taken = await api.post<{ error: { details: { path: string; message: string }[] } }>('/api/auth/register', {
      username: staff.user.username,
      password: 'abc12345',
      kind: 'resident',
      displayName: '王五',
      phone: '13612345679',
      agreedPrivacy: true,
      smsCode: await localCode('13612345679'),
    });
    expect(taken.status).toBe(400);
    expect(taken.body.error.details).toEqual([{ path: 'username', message: '用户名已被使用' }]);
  });
});

describe('an administrator’s changes to a staff account', () => {
  it('reach the staff member’s very next request: a role taken away, then the account disabled', async () => {
    const admin = await createStaff(server.url, ['admin']);
    const staff = await createStaff(server.url, ['window_clerk', 'reviewer']);
    const me = await staff.api.get<{ data: { roles: string[] } }>('/api/auth/me');
    expect([...me.body.data.roles].sort()).toEqual(['reviewer', 'window_clerk']);
    expect((await staff.api.post('/api/applications', enterpriseForm())).status).toBe(201);

    expect((await admin.api.patch(`/api/users/${staff.user.id}`, { roles: ['reviewer'] })).status).toBe(200);
    const refused = await staff.api.post<{ error: { message: string } }>('/api/applications', enterpriseForm());
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('只有窗口受理员可以录入报装申请');
    expect((await staff.api.get('/api/worklist')).status).toBe(200);

    expect((await admin.api.patch(`/api/users/${staff.user.id}`, { enabled: false })).status).toBe(200);
    expect((await staff.api.get('/api/worklist')).status).toBe(401);
    const login = await api.post('/api/auth/login', { username: staff.user.username, password: TEST_PASSWORD });
    expect(login.status).not.toBe(200);
  });
});
