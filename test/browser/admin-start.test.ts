/**
 * Opening the staff page on a slow phone: a staff member who is logged in sees the page's frame
 * (menu bar, header, title) as soon as the HTML arrives, while the app's code still loads; the app
 * then takes over in the same place. Someone without a login sees no staff frame.
 */
import type { Browser, Page } from 'playwright-core';
import { TEST_PASSWORD, createStaff } from '../../server/test/support/factories';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { launchBrowser, loggedInContext, newContext, screenshot, staffLogin } from '../support/browser';

let server: TestServer;
let browser: Browser;
let session: unknown;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const clerk = await createStaff(server.url, ['window_clerk'], '周敏');
  session = await staffLogin(server.url, clerk.user.username, TEST_PASSWORD);
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

/** A page whose app code never arrives (a very slow network), so only the HTML's frame can show. */
async function withoutAppCode(page: Page): Promise<void> {
  await page.route(/\/admin\/assets\/start-[^/]*\.js$/, (route) => route.abort());
}

it('shows a logged-in staff member the frame and title before the app code has loaded, then the app in its place', async () => {
  const context = await loggedInContext(browser, session);
  const page = await context.newPage();
  await withoutAppCode(page);
  await page.goto(`${server.url}/admin/applications`);
  const frame = page.locator('.boot-frame');
  await expect(frame.isVisible()).resolves.toBe(true);
  await expect(frame.locator('.app-title').innerText()).resolves.toBe('自来水公司 用户报装管理系统');
  await expect(frame.getByText('加载中…').isVisible()).resolves.toBe(true);
  const before = await frame.locator('.app-title').boundingBox();
  await screenshot(page, 'admin-start-frame');

  await page.unrouteAll();
  await page.reload();
  await page.getByRole('heading', { name: '报装列表' }).waitFor();
  await expect(page.locator('.boot-frame').count()).resolves.toBe(0);
  const title = page.locator('.app-title');
  await expect(title.innerText()).resolves.toBe('自来水公司 用户报装管理系统');
  // The app's title starts where the frame's did: nothing jumps when the app takes over (its width
  // differs only by the user menu at the right end of the header).
  const after = await title.boundingBox();
  expect({ x: after?.x, y: after?.y, height: after?.height }).toEqual({ x: before?.x, y: before?.y, height: before?.height });
  await context.close();
});

it('shows the phone-sized frame on a phone', async () => {
  const context = await loggedInContext(browser, session, 'phone');
  const page = await context.newPage();
  await withoutAppCode(page);
  await page.goto(`${server.url}/admin/worklist`);
  await expect(page.locator('.boot-frame .app-title').innerText()).resolves.toBe('用户报装管理');
  await expect(page.locator('.boot-sider').isVisible()).resolves.toBe(false);
  await screenshot(page, 'admin-start-frame-phone');
  await context.close();
});

it('shows no staff frame without a login, nor on the login page', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await withoutAppCode(page);
  await page.goto(`${server.url}/admin/applications`);
  await expect(page.locator('.boot-frame').isVisible()).resolves.toBe(false);
  await context.addInitScript((s) => window.localStorage.setItem('wc.admin.session', JSON.stringify(s)), session);
  await page.goto(`${server.url}/admin/login`);
  await expect(page.locator('.boot-frame').isVisible()).resolves.toBe(false);
  await context.close();
});
