/**
 * The request wrapper of the WeChat build against the real server: a refused token ends the
 * session and opens the login page with the way back. (One WeChat start per file: the build's
 * modules keep their state, as in WeChat.)
 */
import { createApplicant, type TestUser } from '../../server/test/support/factories';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { startWeChat, until, type WeChat } from './support/simulator';

let server: TestServer;
let applicant: TestUser;
let user: unknown;

beforeAll(async () => {
  server = await startTestServer();
  applicant = await createApplicant(server.url, 'resident');
  user = (await applicant.api.get<{ data: unknown }>('/api/auth/me')).body.data;
});
afterAll(() => server?.close());

async function open(wechat: WeChat, route: string) {
  const page = wechat.openPage(route);
  return { page, text: () => page.dom?.textContent ?? '' };
}

it('logs out on a refused token and opens the login page, coming back afterwards', async () => {
  const wechat = await startWeChat(server.url, {
    'wc.session': { token: 'not-a-token', issuedAt: Date.now(), expiresAt: Date.now() + 3600_000, user },
  });
  const { page } = await open(wechat, 'pages/progress/messages/index');
  await until('the login page', () => wechat.calls.some((c) => c.api === 'redirectTo' || c.api === 'navigateTo'));
  const go = wechat.calls.find((c) => c.api === 'redirectTo' || c.api === 'navigateTo');
  expect(String(go?.options.url)).toBe(`/pages/account/login/index?redirect=${encodeURIComponent('/pages/progress/messages/index')}`);
  expect(wechat.storage.has('wc.session')).toBe(false);
  expect(wechat.calls.some((c) => c.api === 'showToast' && c.options.title === '请先登录')).toBe(true);
  page.detach();
});
