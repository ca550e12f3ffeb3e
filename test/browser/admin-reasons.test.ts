/**
 * 原因类别 end to end: the administrator adds one in 系统管理 → 原因类别, a reviewer returns an
 * application choosing it (the form refuses a return without one), 报装记录 shows 「原因：…」, and
 * the dashboard counts it and shows where work waits longest. Then an applicant refusing a budget
 * in the H5 pages picks a category too. Screenshots go to artifacts/browser/admin-*-reasons-*.png
 * and h5-reasons-*.png.
 */
import type { Browser } from 'playwright-core';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../../server/test/support/factories';
import { createCrew, design, onlineEnterpriseAtSurvey, survey } from '../../server/test/support/journey';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { history, type AppView } from '../../server/test/support/workflow';
import { choose, logIn, openAdminEntry, openApplication, shot, startAction, submitAction } from '../support/adminBrowser';
import { expectText, launchBrowser, newContext, screenshot, storeH5Session } from '../support/browser';

jest.setTimeout(240_000);

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
  await browser?.close();
  await server?.close();
});

it('adds a category in 原因类别, a reviewer returns with it, 报装记录 and the dashboard show it', async () => {
  const label = `营业执照已过期${Date.now().toString(36).slice(-4)}`;
  const applicant = await createApplicant(server.url, 'enterprise');
  const app = (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm({ name: '珠江原因测试置业' }))).body.data;

  const owner = await logIn(browser, server.url, admin);
  {
    const { page } = owner;
    await openAdminEntry(page, '原因类别');
    const table = page.locator('.reason-table');
    await expectText(table, '材料不全');
    await page.getByRole('button', { name: '新增原因类别' }).click();
    const dialog = page.getByRole('dialog', { name: '新增原因类别' });
    await dialog.getByRole('button', { name: '保存' }).click();
    await expectText(dialog, '请填写原因类别名称');
    await dialog.getByLabel('原因类别名称').fill(label);
    await dialog.getByText('指定操作').click();
    await dialog.getByRole('button', { name: '保存' }).click();
    await expectText(dialog, '请至少选择一个适用的操作');
    await dialog.getByLabel('退回（待审核）').check();
    await shot(page, 'reasons-01-add');
    await dialog.getByRole('button', { name: '保存' }).click();
    const row = table.locator('tr', { hasText: label });
    await expectText(row, '退回（待审核）');
    await expectText(row, '启用');
    await shot(page, 'reasons-02-list');
  }
  await owner.close();

  const staff = await logIn(browser, server.url, reviewer);
  {
    const { page } = staff;
    await openApplication(page, app.number);
    const form = await startAction(page, '退回');
    await form.getByLabel('原因', { exact: true }).fill('营业执照已过有效期，请上传新证');
    await form.getByTestId('action-submit').click();
    await expectText(form, '请选择原因类别');
    await choose(page, form, '原因类别', label);
    await shot(page, 'reasons-03-return');
    expect(await submitAction(page, '退回')).toBe('已退回');
    const latest = page.locator('.detail-history');
    await expectText(latest, `原因：${label}`);
    await expectText(latest, '意见：营业执照已过有效期，请上传新证');
    await shot(page, 'reasons-04-history');

    await page.getByRole('menuitem', { name: '统计看板' }).click();
    const reasons = page.locator('.reasons-panel');
    await expectText(reasons.locator('.reasons-by-action tr', { hasText: label }), '退回（待审核）');
    expect((await reasons.locator('.reasons-by-category tr', { hasText: label }).locator('td').last().innerText()).trim()).toBe('1');
    // The return ended 待审核 on the utility's clock: it is among the steps where work waited.
    await expectText(page.locator('.slow-steps-panel'), '待审核');
    await page.locator('.reasons-panel').scrollIntoViewIfNeeded();
    await shot(page, 'reasons-05-dashboard');
  }
  await staff.close();

  const entries = await history(reviewer.api, app.id);
  expect(entries.find((e) => e.action === 'return')?.payload).toMatchObject({ reason: { label } });
});

it('asks the applicant refusing a budget in H5 for a category, and shows it in 报装记录', async () => {
  const crew = await createCrew(server.url);
  const { applicant, app: dispatched } = await onlineEnterpriseAtSurvey(server.url, crew);
  const { app } = await design(crew, await survey(crew, dispatched));
  expect(app.state).toBe('confirming');

  const context = await newContext(browser, 'phone');
  const me = await applicant.api.get<{ data: unknown }>('/api/auth/me');
  await storeH5Session(context, { token: applicant.token, user: me.body.data });
  const page = await context.newPage();
  const shown = (selector: string) => page.locator(selector).filter({ visible: true });
  try {
    await page.goto(`${server.url}/h5/pages/progress/detail/index?id=${app.id}`);
    await shown('.action-reject_design').click();
    await page.waitForURL(/subject=design/);
    // The confirm page's own bar (the detail page below it in Taro's stack has one too).
    await shown('.decided-version').waitFor();
    await shown('.confirm-page .action-bar .action-reject_design').click();
    const sheet = shown('.reason-sheet');
    await sheet.locator('textarea').fill('管材单价高于市场价，请重新核算');
    await sheet.getByText('提交意见').click();
    await expectText(sheet, '请选择原因类别');
    await sheet.locator('.reason-choices__item', { hasText: '预算金额有异议' }).click();
    await screenshot(page, 'h5-reasons-01-reject-budget');
    await sheet.getByText('提交意见').click();
    await page.waitForURL(/pages\/progress\/detail\/index/);
    const latest = shown('.timeline__item').first();
    await expectText(latest, '不同意预算');
    await expectText(latest, '原因：预算金额有异议');
    await expectText(latest, '意见：管材单价高于市场价，请重新核算');
    await screenshot(page, 'h5-reasons-02-history');
  } finally {
    await context.close();
  }
  const refusal = (await history(crew.reviewer.api, app.id)).find((e) => e.action === 'reject_design');
  expect(refusal?.payload).toMatchObject({ confirmed: false, reason: { label: '预算金额有异议' } });
});
