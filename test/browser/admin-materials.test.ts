/**
 * 申请材料 and 其他资料 in the staff pages: the reviewer sees the applicant's papers at the top of the
 * attachments tab with 缺少 on the required ones missing; staff file 其他资料 under a name they type
 * (the field starts empty); the window clerk scans papers at window entry on a phone. Screenshots go
 * to artifacts/browser/admin-materials-*.png.
 */
import type { Browser } from 'playwright-core';
import { RECOMMENDED_MATERIAL_SETTINGS } from '@wc/shared';
import { createApplicant, createStaff, creditCode, enterpriseForm, type TestUser } from '../../server/test/support/factories';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { mustUpload } from '../../server/test/support/uploads';
import type { AppView } from '../../server/test/support/workflow';
import { jpeg, pdf } from '../../server/test/support/sampleFiles';
import { logIn, openApplication, photo, shot } from '../support/adminBrowser';
import { expectCount, expectText, launchBrowser } from '../support/browser';

jest.setTimeout(180_000);

let server: TestServer;
let browser: Browser;
let reviewer: TestUser;
let clerk: TestUser;
let applicant: TestUser;
let app: AppView;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const admin = await createStaff(server.url, ['admin'], '王管理');
  [reviewer, clerk, applicant] = await Promise.all([
    createStaff(server.url, ['reviewer'], '李审核'),
    createStaff(server.url, ['window_clerk'], '王芳'),
    createApplicant(server.url, 'enterprise'),
  ]);
  // Enterprise: 营业执照, 产权证明 and 用水申请表 required.
  expect((await admin.api.put('/api/settings/materials', RECOMMENDED_MATERIAL_SETTINGS)).status).toBe(200);
  app = (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm({ name: '珠江摩尔置业' }))).body.data;
  await mustUpload(applicant.api, app.id, 'business_licence', {
    displayName: '珠江摩尔置业 营业执照',
    fileName: 'licence.jpg',
    content: jpeg(),
  });
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

describe('the reviewer (PC)', () => {
  it('sees the papers first in 附件, 缺少 on the missing ones, and files 其他资料 under a typed name', async () => {
    const { page, close } = await logIn(browser, server.url, reviewer);
    await openApplication(page, app.number);
    // 审核通过 says what is missing (its tooltip).
    await page.locator('.action-panel').getByRole('button', { name: '审核通过' }).hover();
    await expectText(page.getByRole('tooltip'), '请先上传申请材料：产权证明、用水申请表');
    await page.getByRole('tab', { name: /附件/ }).click();
    const materials = page.locator('[data-group="materials"]');
    await expectText(materials.locator('[data-material="business_licence"]'), '珠江摩尔置业 营业执照');
    await expectText(materials.locator('[data-material="property_proof"]'), '缺少');
    await expectText(materials.locator('[data-material="application_form"]'), '缺少');
    await expectCount(materials.locator('[data-material="business_licence"]').getByText('缺少'), 0);
    await shot(page, 'admin-materials-01-review');

    // 其他资料: the name starts empty; without one nothing goes up.
    const name = page.getByLabel('其他资料文件名称');
    expect(await name.inputValue()).toBe('');
    await page.locator('[data-testid="file-other"]').setInputFiles(photo('scan.jpg'));
    await expectText(page.locator('.upload-name-error'), '请填写文件名称');
    await name.fill(`${app.number} 其他资料`);
    await page.locator('[data-testid="file-other"]').setInputFiles(photo('scan.jpg'));
    await expectText(page.locator('.upload-name-error'), '不能只写报装编号');
    await name.fill('产权人来函');
    await page
      .locator('[data-testid="file-other"]')
      .setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: pdf('来函') });
    const filed = page.locator('[data-group="filed"]');
    await expectText(filed, '产权人来函');
    await expectText(filed, '李审核');
    await shot(page, 'admin-materials-02-other');
    const files = await reviewer.api.get<{ data: { category: string; displayName: string }[] }>(`/api/applications/${app.id}/attachments`);
    expect(files.body.data.filter((f) => f.category === 'other').map((f) => f.displayName)).toEqual(['产权人来函']);

    // The customer brought the deed to the counter: the review scans it in where 缺少 was.
    await page.locator('[data-testid="file-property_proof"]').setInputFiles(photo('deed.jpg'));
    await expectCount(materials.locator('[data-material="property_proof"]').getByText('缺少'), 0);
    await expectText(materials.locator('[data-material="property_proof"]'), '李审核');
    await page.reload();
    await page.locator('.action-panel').getByRole('button', { name: '审核通过' }).hover();
    await expectText(page.getByRole('tooltip'), '请先上传申请材料：用水申请表');
    await shot(page, 'admin-materials-02b-scanned');
    await close();
  });
});

describe('the window clerk (phone)', () => {
  it('scans the required papers at window entry; without them the form says which are missing', async () => {
    const { page, close } = await logIn(browser, server.url, clerk, 'phone');
    await page.goto(`${server.url}/admin/applications/new`);
    await page.getByRole('heading', { name: '窗口受理 · 新增报装' }).waitFor();
    await page.getByLabel('单位名称').fill('天河城物业');
    await page.getByLabel('社会信用代码').fill(creditCode());
    await page.getByLabel('联系人').fill('陈经理');
    await page.getByLabel('联系电话').fill('13912345678');
    await page.getByLabel('单位地址').fill('广州市天河路208号');
    await page.getByLabel('申请用水地址').fill('广州市天河路208号B座');
    await page.getByLabel('建筑面积（㎡）').fill('1200');
    await page.locator('[data-testid="material-business_licence"]').setInputFiles(photo('licence.jpg'));
    await page.getByRole('button', { name: '提交受理' }).click();
    await expectText(page.locator('[data-material="property_proof"]'), '缺少');
    await expectText(page.locator('[data-material="application_form"]'), '缺少');
    await shot(page, 'admin-materials-03-window-missing', 'phone');

    await page.locator('[data-testid="material-property_proof"]').setInputFiles(photo('deed.jpg'));
    await page
      .locator('[data-testid="material-application_form"]')
      .setInputFiles({ name: 'form.pdf', mimeType: 'application/pdf', buffer: pdf('申请表') });
    await page.getByRole('button', { name: '提交受理' }).click();
    await page.getByText(/受理成功，报装编号/).waitFor();
    await expectCount(page.locator('.material-picker .upload-progress').getByText('已上传'), 3);
    await shot(page, 'admin-materials-04-window-done', 'phone');
    const list = await clerk.api.get<{ data: AppView[] }>(`/api/applications?name=${encodeURIComponent('天河城物业')}`);
    const created = list.body.data[0];
    const files = await clerk.api.get<{ data: { category: string; displayName: string }[] }>(
      `/api/applications/${created?.id}/attachments`,
    );
    expect(files.body.data.map((f) => f.displayName).sort()).toEqual([
      '天河城物业 产权证明',
      '天河城物业 用水申请表',
      '天河城物业 营业执照',
    ]);
    await close();
  });
});
