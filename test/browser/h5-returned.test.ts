/**
 * A returned application corrected and resubmitted in the H5 pages, and another one withdrawn
 * before dispatch. Screenshots go to artifacts/browser/h5-returned-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../../server/test/support/factories';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { must, type AppView } from '../../server/test/support/workflow';
import { expectText, launchBrowser, newContext, screenshot, storeH5Session } from '../support/browser';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let applicant: TestUser;
let reviewer: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  [browser, applicant, reviewer] = await Promise.all([
    launchBrowser(),
    createApplicant(server.url, 'enterprise'),
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

async function apply(name: string): Promise<AppView> {
  const res = await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm({ name }));
  return res.body.data;
}

it('shows a returned application with the reason, and resubmits it corrected', async () => {
  const app = await apply('珠江置业（简称）');
  await must(reviewer.api, app.id, 'return', { comment: '请填写营业执照上的单位全称' });

  await page.goto(h5('pages/applications/index'));
  const card = shown('.application-card', app.number);
  await expectText(card.locator('.state-tag'), '已退回', { exact: true });
  await expectText(card, '待您办理：重新提交');
  await screenshot(page, 'h5-returned-01-list');

  await card.click();
  await page.waitForURL(/pages\/progress\/detail\/index/);
  await expectText(shown('.commitment'), '申请被退回，请修改后重新提交');
  await expectText(shown('.timeline__item').first(), '意见：请填写营业执照上的单位全称');
  await shown('.action-resubmit').click();

  await page.waitForURL(/pages\/apply\/index\?id=/);
  await expectText(shown('.notice'), '原因：请填写营业执照上的单位全称');
  expect(await shown('input[name="name"]').inputValue()).toBe('珠江置业（简称）');
  await shown('input[name="name"]').fill('广州珠江置业有限公司');
  await screenshot(page, 'h5-returned-02-edit');
  await shown('.action-bar').getByText('重新提交').click();
  await expectText(shown('.apply-result'), '已重新提交');
  await expectText(shown('.apply-result'), '待审核');

  const after = await applicant.api.get<{ data: AppView }>(`/api/applications/${app.id}`);
  expect(after.body.data).toMatchObject({ state: 'submitted', name: '广州珠江置业有限公司' });
});

it('withdraws an application before dispatch, after a confirmation', async () => {
  const app = await apply('不再需要的临时用水');
  await page.goto(h5(`pages/progress/detail/index?id=${app.id}`));
  await shown('.action-withdraw').click();
  const sheet = shown('.reason-sheet');
  await expectText(sheet, '撤销后申请将不再办理');
  await sheet.locator('textarea').fill('项目取消');
  await sheet.getByText('确认撤销申请').click();
  await expectText(shown('.state-tag'), '已撤销', { exact: true });
  await expectText(shown('.commitment'), '申请已撤销');
  await expectText(shown('.timeline__item').first(), '意见：项目取消');
  await screenshot(page, 'h5-returned-03-withdrawn');

  await page.goto(h5('pages/applications/index'));
  await shown('.segmented__item', '历史报装').click();
  await expectText(shown('.application-card', app.number).locator('.state-tag'), '已撤销', { exact: true });
  const after = await applicant.api.get<{ data: AppView }>(`/api/applications/${app.id}`);
  expect(after.body.data.state).toBe('withdrawn');
});
