import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { launchBrowser, newContext, screenshot } from '../support/browser';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

it('serves the admin page and the H5 pages from the server', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/`);
  await expect(page.title()).resolves.toBe('用户报装管理系统');
  await screenshot(page, 'smoke-admin');
  const phone = await newContext(browser, 'phone');
  const h5 = await phone.newPage();
  const res = await h5.goto(`${server.url}/h5/`);
  expect(res?.status()).toBe(200);
  await context.close();
  await phone.close();
});
