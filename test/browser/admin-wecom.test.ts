/**
 * 企业微信 as the administrator sets it up and as staff notice it: a staff member's WeCom userid
 * entered in 用户与角色, a step's team robot chosen in 流程步骤设置, and the 我的待办 badge that
 * counts new work within seconds while the page stays open.
 */
import type { Browser } from 'playwright-core';
import { User } from '../../server/src/models';
import { createApplicant, createStaff, enterpriseForm } from '../../server/test/support/factories';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { logIn, shot } from '../support/adminBrowser';
import { expectText, launchBrowser } from '../support/browser';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ WECOM_ROBOTS: JSON.stringify({ 报装组: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' }) });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

it('saves a staff member’s 企业微信账号 and refuses a malformed one under the field', async () => {
  const admin = await createStaff(server.url, ['admin'], '管理员林');
  const reviewer = await createStaff(server.url, ['reviewer'], '审核员周');
  const session = await logIn(browser, server.url, admin);
  const { page } = session;
  await page.goto(`${server.url}/admin/admin/users`);
  const row = page.locator('tr', { hasText: '审核员周' });
  await row.getByRole('button', { name: '编辑' }).click();
  const field = page.getByLabel('企业微信账号');
  await field.fill('周 审核');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('企业微信账号只能包含字母、数字和 _ - . @').waitFor();
  await shot(page, 'wecom-userid-error');
  await field.fill('ZhouShenhe');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已保存').waitFor();
  // The toast can show before the list has been read again: wait for the row, as a person would.
  await expectText(row, 'ZhouShenhe');
  expect((await User.findByPk(reviewer.user.id))?.wecomUserId).toBe('ZhouShenhe');
  await shot(page, 'wecom-userid-saved');

  await page.goto(`${server.url}/admin/admin/steps`);
  await page.getByLabel('待派工企业微信群').first().click();
  await page.getByTitle('报装组').click();
  await page.getByText('「待派工」的提醒将同时发到企业微信群「报装组」').waitFor();
  await shot(page, 'wecom-step-robot');
  await session.close();
});

it('counts new work on the 我的待办 badge within seconds, without reloading the page', async () => {
  const reviewer = await createStaff(server.url, ['reviewer'], '审核员吴');
  const session = await logIn(browser, server.url, reviewer);
  const { page } = session;
  await page.goto(`${server.url}/admin/worklist`);
  const item = page.locator('.ant-menu-item', { hasText: '我的待办' });
  await item.waitFor();
  // An empty worklist shows no number (antd hides a zero badge).
  const shown = item.locator('.ant-scroll-number');
  const before = (await shown.count()) > 0 ? Number(await shown.first().getAttribute('title')) : 0;
  const applicant = await createApplicant(server.url);
  await applicant.api.post('/api/applications', enterpriseForm());
  const started = Date.now();
  await page.waitForFunction(
    ([selectorText, n]) => {
      const item = Array.from(document.querySelectorAll('.ant-menu-item')).find((e) => e.textContent?.includes(selectorText));
      const count = item?.querySelector('.ant-badge .ant-scroll-number')?.getAttribute('title');
      return Number(count ?? '0') === n;
    },
    ['我的待办', before + 1] as const,
    { timeout: 10_000 },
  );
  expect(Date.now() - started).toBeLessThan(10_000);
  await shot(page, 'wecom-badge-live');
  await session.close();
});
