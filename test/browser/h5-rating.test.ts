/**
 * 服务评价: an applicant whose application is completed finds 去评价 in 我的报装, rates it 4 stars
 * with a comment in the H5 pages and sees the rating shown; staff then see it on the application and
 * on the dashboard (with a low rating of another application listed for follow-up). Staff work
 * happens through the API. Screenshots go to artifacts/browser/h5-rating-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { completedResident } from '../../server/test/support/completed';
import { createStaff, type TestUser } from '../../server/test/support/factories';
import { createCrew, type Crew } from '../../server/test/support/journey';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { logIn } from '../support/adminBrowser';
import { expectText, launchBrowser, newContext, screenshot, storeH5Session } from '../support/browser';

jest.setTimeout(240_000);

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let crew: Crew;
let manager: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  [browser, crew] = await Promise.all([launchBrowser(), createCrew(server.url)]);
  manager = await createStaff(server.url, ['reviewer'], '赵经理');
  context = await newContext(browser, 'phone');
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const h5 = (path: string) => `${server.url}/h5/${path}`;
const shown = (selector: string, hasText?: string) => page.locator(selector, hasText ? { hasText } : undefined).filter({ visible: true });
const COMMENT = '通水很顺利，施工师傅很负责';

it('rates a completed application from 我的报装, and staff see the rating on it and on the dashboard', async () => {
  const { applicant, app } = await completedResident(server.url, crew);
  // Another customer's low rating, for the dashboard's follow-up list.
  const other = await completedResident(server.url, crew);
  expect((await other.applicant.api.post(`/api/applications/${other.app.id}/rating`, { score: 2, comment: '等待时间太长' })).status).toBe(
    201,
  );

  const me = await applicant.api.get<{ data: unknown }>('/api/auth/me');
  await storeH5Session(context, { token: applicant.token, user: me.body.data });
  await page.goto(h5('pages/applications/index'));
  await shown('.segmented__item', '历史报装').click();
  const card = shown('.application-card', app.number);
  await expectText(card.locator('.state-tag'), '已完成', { exact: true });
  await expectText(card.locator('.application-card__rate'), '去评价');
  await screenshot(page, 'h5-rating-01-list');

  await card.locator('.application-card__rate').getByText('去评价').click();
  await page.waitForURL(/pages\/progress\/detail\/index\?id=\d+&rate=1/);
  const rating = shown('.rating-card');
  await expectText(rating, '评价服务');
  // Submitting without a score is refused with the shared schema's message.
  await rating.getByText('提交评价').click();
  await expectText(rating.locator('.rating-card__error'), '请选择评分');
  await rating.locator('.rating-card__star').nth(3).click();
  await expectText(rating, '满意');
  await rating.locator('textarea').fill(COMMENT);
  await screenshot(page, 'h5-rating-02-form');
  await rating.getByText('提交评价（★★★★☆）').click();
  await expectText(shown('.rating-card__given'), '您的评价：★★★★☆');
  await expectText(shown('.rating-card'), COMMENT);
  await expect(shown('.rating-card textarea').count()).resolves.toBe(0);
  await screenshot(page, 'h5-rating-03-rated');

  // Back in 我的报装 the card no longer asks.
  await page.goto(h5('pages/applications/index'));
  await shown('.segmented__item', '历史报装').click();
  await expectText(shown('.application-card', app.number).locator('.state-tag'), '已完成', { exact: true });
  await expect(shown('.application-card', app.number).locator('.application-card__rate').count()).resolves.toBe(0);

  // Staff: the rating on the application (read-only), and the dashboard's 服务评价.
  const staff = await logIn(browser, server.url, manager);
  try {
    await staff.page.goto(`${server.url}/admin/applications/${app.id}`);
    const staffCard = staff.page.locator('.rating-card');
    await expectText(staffCard, '★★★★☆');
    await expectText(staffCard, COMMENT);
    await screenshot(staff.page, 'h5-rating-04-staff-detail');

    await staff.page.goto(`${server.url}/admin/dashboard`);
    const panel = staff.page.locator('.ratings-panel');
    await expectText(panel, '平均评分');
    await expectText(panel, '3.00');
    const team = panel.locator('tr', { hasText: '现场勘察' });
    await expectText(team, '勘察员');
    // The team's average, and the person who surveyed both.
    await expectText(team, '3.00');
    await expectText(team, `${crew.surveyor.user.displayName} 3.00 / 2`);
    const low = panel.locator('tr', { hasText: other.app.number });
    await expectText(low, '★★☆☆☆');
    await expectText(low, '等待时间太长');
    await screenshot(staff.page, 'h5-rating-05-dashboard');
    await low.getByRole('link', { name: other.app.number }).click();
    await staff.page.waitForURL(new RegExp(`/admin/applications/${other.app.id}$`));
    await expectText(staff.page.locator('.rating-card'), '等待时间太长');
  } finally {
    await staff.close();
  }
});
