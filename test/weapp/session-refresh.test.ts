/**
 * The request wrapper of the WeChat build against the real server: a token past half its life is
 * refreshed before the request goes out. (One WeChat start per file: the build's modules keep
 * their state, as in WeChat.)
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

it('refreshes a token past half its life before asking for the list', async () => {
  const now = Date.now();
  const wechat = await startWeChat(server.url, {
    'wc.session': { token: applicant.token, issuedAt: now - 7 * 3600_000, expiresAt: now + 5 * 3600_000, user },
  });
  const { page, text } = await open(wechat, 'pages/applications/index');
  await until('the list', () => text().includes('您还没有正在办理的报装'));
  const urls = wechat.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`);
  expect(urls.indexOf('POST /api/auth/refresh')).toBeGreaterThanOrEqual(0);
  expect(urls.indexOf('POST /api/auth/refresh')).toBeLessThan(urls.indexOf('GET /api/applications'));
  const stored = wechat.storage.get('wc.session') as { token: string; expiresAt: number };
  expect(stored.token).not.toBe(applicant.token);
  expect(stored.expiresAt).toBeGreaterThan(now + 11 * 3600_000);
  page.detach();
});
