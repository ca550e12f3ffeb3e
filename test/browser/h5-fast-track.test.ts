/**
 * 快速通道 in the applicant's H5 pages: a resident answers 用水口径 and 外线工程 on the apply page, the
 * administrator's rule sends the application down the resident fast route, and its progress page
 * shows the route, the shorter step map and the rule in 报装记录. Screenshots: artifacts/browser/h5-fast-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApplicant, createStaff, type TestUser } from '../../server/test/support/factories';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import type { AppView } from '../../server/test/support/workflow';
import { expectText, launchBrowser, newContext, screenshot, storeH5Session } from '../support/browser';

jest.setTimeout(120_000);

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let applicant: TestUser;
let admin: TestUser;
let reviewer: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  [browser, applicant, admin, reviewer] = await Promise.all([
    launchBrowser(),
    createApplicant(server.url, 'resident'),
    createStaff(server.url, ['admin'], '管理员'),
    createStaff(server.url, ['reviewer'], '李审核'),
  ]);
  context = await newContext(browser, 'phone');
  const me = await applicant.api.get<{ data: unknown }>('/api/auth/me');
  await storeH5Session(context, { token: applicant.token, user: me.body.data });
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const h5 = (path: string) => `${server.url}/h5/${path}`;
const shown = (selector: string, hasText?: string) => page.locator(selector, hasText ? { hasText } : undefined).filter({ visible: true });
const input = (name: string) => shown(`input[name="${name}"]`);

it('takes a small resident connection down the fast route and shows it on the progress page', async () => {
  const rule = await admin.api.post('/api/settings/fast-track-rules', {
    name: '居民小口径',
    enabled: true,
    conditions: { kinds: ['resident'], maxCaliber: 25, noExternalWorks: true },
  });
  expect(rule.status).toBe(201);

  await page.goto(h5('pages/apply/index'));
  await input('name').fill('张三');
  await input('contactPhone').fill('13712345678');
  await input('address').fill('广州市越秀区东风中路88号');
  await input('waterAddress').fill('广州市越秀区东风中路88号302');
  await input('buildingArea').fill('96.5');
  await page
    .locator('.chip', { hasText: /^DN20$/ })
    .filter({ visible: true })
    .click();
  await shown('.chip', '不涉及').click();
  await screenshot(page, 'h5-fast-01-apply');
  await shown('.action-bar').getByText('提交申请').click();
  const number = ((await shown('.apply-result-number').textContent()) ?? '').trim();
  expect(number).toMatch(/^BZ\d{10,}$/);

  const found = await reviewer.api.get<{ data: (AppView & { route: string; caliber: number; externalWorks: boolean })[] }>(
    `/api/applications?number=${number}`,
  );
  const app = found.body.data[0]!;
  expect([app.route, app.caliber, app.externalWorks]).toEqual(['fast', 20, false]);

  await page.goto(h5(`pages/progress/detail/index?id=${app.id}`));
  await expectText(shown('.route-tag'), '快速通道', { exact: true });
  // Folded to the current step and the next two: the survey leads straight to construction (no 缴费).
  expect(await shown('.step-map__label').allInnerTexts()).toEqual(['待审核', '现场勘察', '施工']);
  await expectText(shown('.timeline'), '说明：快速通道（规则：居民小口径）');
  await screenshot(page, 'h5-fast-02-progress');
});
