import { User } from '../../src/models';
import type { Api } from '../support/api';
import { createApplicant, TEST_PASSWORD, unique } from '../support/factories';
import { mpLogin, openidOf, startWechatWorld, type WechatWorld } from './support';

let world: WechatWorld;

beforeAll(async () => {
  world = await startWechatWorld();
});
afterAll(() => world.close());

interface Me {
  data: { id: number; username: string; hasPassword: boolean };
}
interface Failure {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}
interface TokenReply {
  data: { token: string; user: { id: number; username: string } };
}

const fieldErrors = (body: unknown) => Object.fromEntries(((body as Failure).error.details ?? []).map((d) => [d.path, d.message] as const));

async function stored(id: number) {
  const user = await User.findByPk(id);
  return { username: user?.username, hasPassword: user?.passwordHash !== null };
}

describe('accounts created by a WeChat login: choosing a user name and a password', () => {
  it('tells the client the account has no password yet', async () => {
    const { api, user } = await mpLogin(world, openidOf('mp'));
    expect(user.username).toMatch(/^wx_/);
    const me = await api.get<Me>('/api/auth/me');
    expect(me.body.data).toMatchObject({ id: user.id, hasPassword: false });
  });

  it('sets a user name and a password without an old one; then the manual password login works, once', async () => {
    const { api, user } = await mpLogin(world, openidOf('mp'));
    const username = unique('zhang');
    const res = await api.post<TokenReply>('/api/auth/credentials', { username, password: 'water2024' });
    expect(res.status).toBe(200);
    expect(res.body.data.user).toMatchObject({ id: user.id, username });

    const login = await world.api.post<TokenReply>('/api/auth/login', { username, password: 'water2024' });
    expect(login.status).toBe(200);
    expect(login.body.data.user.id).toBe(user.id);
    const mine = world.api.as(res.body.data.token);
    expect((await mine.get<Me>('/api/auth/me')).body.data).toMatchObject({ username, hasPassword: true });
    // Tokens from before the change stop working, the new one goes on.
    expect((await api.get('/api/auth/me')).status).toBe(401);

    // The user name is chosen once; from now on the password changes with the old one.
    const again = await mine.post<Failure>('/api/auth/credentials', { username: unique('li'), password: 'other2024' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('修改密码');
    const noOld = await mine.post<Failure>('/api/auth/password', { newPassword: 'other2024' });
    expect(noOld.status).toBe(400);
    expect(fieldErrors(noOld.body)).toEqual({ oldPassword: '请填写原密码' });
    const changed = await mine.post<TokenReply>('/api/auth/password', { oldPassword: 'water2024', newPassword: 'other2024' });
    expect(changed.status).toBe(200);
    expect(await stored(user.id)).toEqual({ username, hasPassword: true });
  });

  it('refuses a taken or malformed user name and a weak password field by field, changing nothing', async () => {
    const { api, user } = await mpLogin(world, openidOf('mp'));
    const other = await createApplicant(world.server.url);
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ username: other.user.username, password: 'water2024' }, { username: '用户名已被使用' }],
      [{ username: 'ab', password: 'water2024' }, { username: '用户名至少4个字符' }],
      [{ username: '张三丰的账号', password: 'water2024' }, { username: '用户名只能包含字母、数字和 _ . @ -' }],
      [{ username: unique('wang'), password: '12345678' }, { password: '密码需同时包含字母和数字' }],
      [{ password: 'water2024' }, { username: '请填写用户名' }],
    ];
    for (const [body, expected] of cases) {
      const res = await api.post<Failure>('/api/auth/credentials', body);
      expect([body, res.status, fieldErrors(res.body)]).toEqual([body, 400, expected]);
    }
    expect(await stored(user.id)).toEqual({ username: user.username, hasPassword: false });
  });

  it('keeps asking a password account for its old password, and never lets it take the no-password path', async () => {
    const applicant = await createApplicant(world.server.url);
    const me = await applicant.api.get<Me>('/api/auth/me');
    expect(me.body.data.hasPassword).toBe(true);
    const res = await applicant.api.post<Failure>('/api/auth/credentials', { username: unique('x'), password: 'water2024' });
    expect(res.status).toBe(409);
    const wrong = await applicant.api.post<Failure>('/api/auth/password', { oldPassword: 'nope1234', newPassword: 'water2024' });
    expect(fieldErrors(wrong.body)).toEqual({ oldPassword: '原密码不正确' });
    const ok = await applicant.api.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'water2024' });
    expect(ok.status).toBe(200);
  });

  it('does not ask a WeChat account for an old password it never had', async () => {
    const { api, user } = await mpLogin(world, openidOf('mp'));
    const res = await api.post<Failure>('/api/auth/password', { oldPassword: 'anything1', newPassword: 'water2024' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).not.toContain('原密码不正确');
    expect(res.body.error.message).toContain('设置用户名和密码');
    expect(await stored(user.id)).toMatchObject({ hasPassword: false });
    const refused: Api = world.api;
    expect((await refused.post('/api/auth/credentials', { username: unique('anon'), password: 'water2024' })).status).toBe(401);
  });
});
