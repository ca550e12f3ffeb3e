/**
 * 流程步骤设置 for the customer's clock: the 缴费 step's chase threshold and the reminders of a step
 * waiting on the customer, set by the administrator; then the reminders in the application's 报装记录
 * with whether they reached the applicant. Screenshots go to artifacts/browser/admin-reminders-*.png.
 */
import type { Browser } from 'playwright-core';
import { dueAt } from '../../server/src/lib/deadlines';
import { scanReminders } from '../../server/src/workers';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../../server/test/support/factories';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { must, type AppView } from '../../server/test/support/workflow';
import { logIn, openAdminEntry, openApplication, shot } from '../support/adminBrowser';
import { launchBrowser } from '../support/browser';

jest.setTimeout(180_000);

let server: TestServer;
let browser: Browser;
let admin: TestUser;
let reviewer: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  [admin, reviewer] = await Promise.all([createStaff(server.url, ['admin'], '王管理'), createStaff(server.url, ['reviewer'], '李审核')]);
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

it('sets the reminders of 已退回 and shows 缴费’s chase threshold; the reminders appear in 报装记录 with their delivery', async () => {
  const session = await logIn(browser, server.url, admin);
  const { page } = session;
  await openAdminEntry(page, '流程步骤设置');
  await page.getByRole('heading', { name: '流程步骤设置' }).waitFor();

  // 缴费 waits on the customer but the cashier chases it: it has a threshold (5 working days by default).
  expect(await page.getByLabel('缴费阈值', { exact: true }).inputValue()).toMatch(/^5(\.0)?$/);
  // 已退回: reminders at 3 and 7 working days by default; the administrator adds a third at 10.
  const returnedRow = page.locator('tr', { has: page.locator('[data-step="returned"]') });
  await returnedRow.getByText('3个工作日').waitFor();
  await returnedRow.getByText('7个工作日').waitFor();
  const tags = page.getByLabel('已退回提醒用户', { exact: true });
  await tags.click();
  await tags.fill('10');
  await tags.press('Enter');
  await page.keyboard.press('Escape');
  await page.getByTestId('save-enterprise-returned').click();
  await page.locator('.ant-message').getByText('「已退回」已保存').waitFor();
  await shot(page, 'admin-reminders-01-steps');
  const saved = await admin.api.get<{ data: { flow: string; state: string; reminders: unknown }[] }>('/api/settings/steps');
  expect(saved.body.data.find((s) => s.flow === 'enterprise' && s.state === 'returned')?.reminders).toEqual([
    { value: 3, unit: 'workdays' },
    { value: 7, unit: 'workdays' },
    { value: 10, unit: 'workdays' },
  ]);

  // A returned application, waiting 4 working days: the first reminder goes out.
  const applicant = await createApplicant(server.url);
  const created = await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
  const returned = await must(reviewer.api, created.body.data.id, 'return', { comment: '营业执照不清晰' });
  const entered = (returned.step as AppView['step'] & { enteredAt: string }).enteredAt;
  await scanReminders(new Date((dueAt(new Date(entered), { value: 4, unit: 'workdays' })?.getTime() ?? 0) + 60_000));

  await openApplication(page, returned.number);
  const reminder = page.locator('[data-notification="reminder"]');
  await reminder.getByText('通知用户：办理提醒').waitFor();
  await reminder.getByText('申请被退回，请修改后重新提交，已等待超过3个工作日').waitFor();
  await reminder.getByText('待发送', { exact: true }).waitFor();
  await page.locator('[data-notification="returned"]').getByText('通知用户：申请被退回').waitFor();
  await shot(page, 'admin-reminders-02-history');
  await session.close();
});
