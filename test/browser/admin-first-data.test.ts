/**
 * The staff page asks for the first screen's rows while its code is still loading ([G5]): a clerk
 * on a slow connection sees the list as soon as the app has started, not a further round trip
 * later. The early request is the page's own (one data path): one request per screen, the same
 * login token, and a login the server no longer accepts ends on the login page as before.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEST_PASSWORD, createStaff, residentForm } from '../../server/test/support/factories';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import {
  apiCalls,
  expectCount,
  expectText,
  launchBrowser,
  loggedInContext,
  screenshot,
  staffLogin,
  type StaffSession,
} from '../support/browser';

let server: TestServer;
let browser: Browser;
let session: StaffSession;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const clerk = await createStaff(server.url, ['window_clerk'], '周敏');
  for (const name of ['林一', '林二', '林三']) {
    const created = await clerk.api.post('/api/applications', residentForm({ name, contactName: name }));
    expect(created.status).toBe(201);
  }
  session = await staffLogin(server.url, clerk.user.username, TEST_PASSWORD);
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

const APP_CODE = /\/admin\/assets\/start-[^/]*\.js$/;

/** A connection on which the app's code takes `ms` longer to arrive than the rest. */
async function slowAppCode(page: Page, ms: number): Promise<{ arrivedAt: () => number }> {
  let arrivedAt = 0;
  await page.route(APP_CODE, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue();
  });
  page.on('requestfinished', (request) => {
    if (APP_CODE.test(request.url())) {
      arrivedAt = Date.now();
    }
  });
  return { arrivedAt: () => arrivedAt };
}

function loggedIn(device: 'desktop' | 'phone' = 'desktop', stored: unknown = session): Promise<BrowserContext> {
  return loggedInContext(browser, stored, device);
}

it('asks for the list while the app’s code is still on its way, once, with the login, and shows the rows', async () => {
  const context = await loggedIn();
  const page = await context.newPage();
  const code = await slowAppCode(page, 1500);
  const list = apiCalls(page, '/api/applications');
  await page.goto(`${server.url}/admin/applications?pageSize=50`);
  await expectCount(page.locator('table.app-table tbody tr'), 3, 30_000);
  await expectText(page.locator('table.app-table tbody'), '林三');
  await screenshot(page, 'admin-first-data-list');

  expect(list).toHaveLength(1);
  expect(list[0]?.url).toBe('/api/applications?sort=newest&page=1&pageSize=50');
  expect(list[0]?.auth).toBe(`Bearer ${session.token}`);
  // The request left before the app's code had arrived: the rows do not wait for it to start.
  expect(list[0]?.at).toBeLessThan(code.arrivedAt());
  await context.close();
});

it('asks for 我的待办 early on a phone too, once', async () => {
  const context = await loggedIn('phone');
  const page = await context.newPage();
  const code = await slowAppCode(page, 1500);
  const worklist = apiCalls(page, '/api/worklist');
  await page.goto(`${server.url}/admin/worklist`);
  await page.getByRole('heading', { name: '我的待办' }).waitFor({ timeout: 30_000 });
  await expectText(page.locator('.worklist-filter'), '全部');
  // The page's rows, asked for before the app's code arrived, and not asked for again.
  await page.waitForTimeout(500);
  expect(worklist.map((call) => call.url)).toEqual(['/api/worklist?filter=all&page=1&pageSize=20']);
  expect(worklist[0]?.at).toBeLessThan(code.arrivedAt());
  await screenshot(page, 'admin-first-data-worklist-phone');
  await context.close();
});

it('sends a clerk whose login the server no longer accepts to the login page, saying so', async () => {
  const context = await loggedIn('desktop', { ...session, token: `${session.token.slice(0, -4)}AAAA` });
  const page = await context.newPage();
  const list = apiCalls(page, '/api/applications');
  await page.goto(`${server.url}/admin/applications`);
  await page.waitForURL(/\/admin\/login/, { timeout: 30_000 });
  await expectText(page.locator('body'), '登录已失效，请重新登录');
  await expect(page.locator('table.app-table').count()).resolves.toBe(0);
  expect(list).toHaveLength(1);
  await context.close();
});
