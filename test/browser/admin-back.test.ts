/**
 * Back from a detail to the list it was opened from ([G5]): the clerk finds the list as they left it
 * — the same rows at once, at the same place on the page — and then what changed meanwhile, while a
 * detail opened from the list starts at its top.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEST_PASSWORD, residentForm } from '../../server/test/support/factories';
import { createCrew, survey, type Crew } from '../../server/test/support/journey';
import type { AppView } from '../../server/test/support/workflow';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import {
  apiCalls,
  expectText,
  type ApiCall,
  launchBrowser,
  loggedInContext,
  screenshot,
  staffLogin,
  type StaffSession,
} from '../support/browser';

let server: TestServer;
let browser: Browser;
let crew: Crew;
let session: StaffSession;
const apps: AppView[] = [];

function nth(index: number): AppView {
  const app = apps.at(index);
  if (!app) {
    throw new Error(`no application ${index} was created`);
  }
  return app;
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  crew = await createCrew(server.url);
  const clerk = crew.window_clerk;
  // More rows than a screen holds, so that the list is scrolled before a detail is opened.
  for (let i = 1; i <= 30; i++) {
    const created = await clerk.api.post<{ data: AppView }>(
      '/api/applications',
      residentForm({ name: `回看${i}号`, contactName: `回看${i}` }),
    );
    expect(created.status).toBe(201);
    apps.push(created.body.data);
  }
  session = await staffLogin(server.url, clerk.user.username, TEST_PASSWORD);
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

/** The clerk's 报装列表 (50 a page) in a new page, with the page's GET requests to `watched` recorded from the start. */
async function openList(watched: string): Promise<{ context: BrowserContext; page: Page; calls: ApiCall[] }> {
  const context = await loggedInContext(browser, session);
  const page = await context.newPage();
  const calls = apiCalls(page, watched);
  await page.goto(`${server.url}/admin/applications?pageSize=50`);
  return { context, page, calls };
}

/** From the list, opens the newest application's detail with a click on its 报装编号. */
async function openNewest(page: Page): Promise<AppView> {
  const newest = nth(-1);
  await page.locator(`tr[data-number="${newest.number}"]`).getByRole('link', { name: newest.number }).click();
  await expectText(page.locator('.detail-header'), newest.number);
  return newest;
}

it('goes back to the same rows at the same place at once, then shows a colleague’s step', async () => {
  const { context, page, calls } = await openList('/api/applications');
  // The oldest of the 30 is the last row: scroll to it, as a clerk working down the list does.
  const oldest = nth(0);
  const row = page.locator(`tr[data-number="${oldest.number}"]`);
  await row.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(200);
  await expectText(row, oldest.stateLabel);
  expect(calls).toHaveLength(1);

  await row.getByRole('link', { name: oldest.number }).click();
  await expectText(page.locator('.detail-header'), oldest.number);
  // The detail starts at its top, not at the list's scroll position.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(await page.locator('table.app-table').isVisible()).toBe(false);

  // Meanwhile the surveyor sends in the survey; the list's next answer is held back to see what
  // shows first.
  const surveyed = await survey(crew, oldest);
  expect(surveyed.stateLabel).not.toBe(oldest.stateLabel);
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/api\/applications\?/, async (route) => {
    await held;
    await route.continue();
  });

  await page.goBack();
  // At once, with the server's answer still held: the rows the clerk left, where they left them,
  // without a loading veil over them.
  await row.waitFor({ state: 'visible' });
  expect(await row.innerText()).toContain(oldest.stateLabel);
  expect(await row.innerText()).not.toContain(surveyed.stateLabel);
  expect(await page.locator('table.app-table[aria-busy="true"]').count()).toBe(0);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThanOrEqual(2);
  for (let waited = 0; calls.length < 2 && waited < 5000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(calls.map((c) => c.url)).toEqual([calls[0]?.url, calls[0]?.url]);
  // Then the same list asked again brings the survey.
  release();
  await expectText(row, surveyed.stateLabel);
  await screenshot(page, 'admin-back-to-list');
  await context.close();
});

it('lets the list go when the clerk leaves the detail for another page', async () => {
  const { context, page, calls } = await openList('/api/applications');
  const newest = await openNewest(page);
  await page.getByRole('menuitem', { name: '档案查询' }).click();
  await page.waitForURL(/\/admin\/archive/);
  expect(await page.locator('table.app-table').count()).toBe(0);
  // Back twice to the list: it is built anew from the address, and asks the server again.
  await page.goBack();
  await expectText(page.locator('.detail-header'), newest.number);
  await page.goBack();
  await expectText(page.locator(`tr[data-number="${newest.number}"]`), newest.stateLabel);
  expect(calls).toHaveLength(2);
  await context.close();
});

it('asks once for 我的待办 opened from a detail, after the clerk has been back to the list before', async () => {
  const { context, page, calls: worklist } = await openList('/api/worklist');
  const newest = await openNewest(page);
  await page.goBack();
  await page.locator(`tr[data-number="${newest.number}"]`).waitFor({ state: 'visible' });
  await openNewest(page);
  const before = worklist.length;
  await page.getByRole('menuitem', { name: /我的待办/ }).click();
  await page.getByRole('heading', { name: '我的待办' }).waitFor();
  await page.waitForTimeout(1000);
  expect(worklist.slice(before)).toHaveLength(1);
  await context.close();
});
