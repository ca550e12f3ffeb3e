/**
 * 申请材料 on a phone (H5): the applicant attaches 营业执照 and 产权证明 while applying; without the
 * required ones the form says which are missing and nothing is submitted. Screenshots go to
 * artifacts/browser/h5-materials-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEFAULT_MATERIAL_SETTINGS } from '@wc/shared';
import { createApplicant, createStaff, creditCode, unique, type TestUser } from '../../server/test/support/factories';
import { jpeg } from '../../server/test/support/sampleFiles';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { must, type AppView } from '../../server/test/support/workflow';
import { expectCount, expectText, launchBrowser, newContext, screenshot, storeH5Session } from '../support/browser';

jest.setTimeout(180_000);

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let applicant: TestUser;
let reviewer: TestUser;
let admin: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  [browser, applicant, reviewer, admin] = await Promise.all([
    launchBrowser(),
    createApplicant(server.url, 'enterprise'),
    createStaff(server.url, ['reviewer'], '李审核'),
    createStaff(server.url, ['admin'], '王管理'),
  ]);
  // 申请材料设置: the administrator makes 营业执照 and 产权证明 required for enterprises.
  const set = await admin.api.put('/api/settings/materials', {
    ...DEFAULT_MATERIAL_SETTINGS,
    enterprise: { ...DEFAULT_MATERIAL_SETTINGS.enterprise, business_licence: 'required', property_proof: 'required' },
  });
  expect(set.status).toBe(200);
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
const slot = (category: string) => shown(`[data-material="${category}"]`);

/** Picks a photo for a paper as a phone would: the slot's 拍照/相册 opens the system's file chooser. */
async function attach(category: string, name: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), slot(category).getByText('拍照/相册').click()]);
  await chooser.setFiles({ name, mimeType: 'image/jpeg', buffer: jpeg() });
  await expectText(slot(category), name);
}

const companyName = unique('珠江摩尔');

it('marks the required papers, refuses to submit without them and submits nothing', async () => {
  await page.goto(h5('pages/apply/index'));
  await shown('.apply-page').waitFor();
  await expectText(shown('.materials'), '申请材料');
  await expectText(slot('business_licence').locator('.form-field__star'), '*');
  await expectText(slot('property_proof').locator('.form-field__star'), '*');
  await expectCount(slot('application_form').locator('.form-field__star'), 0);
  await expectCount(slot('id_card'), 0);

  await input('name').fill(companyName);
  await input('creditCode').fill(creditCode());
  await input('contactName').fill('陈经理');
  await input('contactPhone').fill('13912345678');
  await input('address').fill('广州市天河区华夏路10号');
  await input('waterAddress').fill('广州市天河区华夏路10号工地');
  await shown('.chip', '基建(施工)用水').click();
  await input('buildingArea').fill('2200');

  await attach('business_licence', '营业执照.jpg');
  await shown('.action-bar').getByText('提交申请').click();
  await expectText(slot('property_proof').locator('.form-field__error'), '请上传产权证明', { exact: true });
  await expectCount(slot('business_licence').locator('.form-field__error'), 0);
  await screenshot(page, 'h5-materials-01-missing');
  const none = await applicant.api.get<{ meta: { total: number } }>('/api/applications');
  expect(none.body.meta.total).toBe(0);
});

it('uploads the papers with the application, named after the applicant; the review can accept it', async () => {
  await attach('property_proof', '房产证.jpg');
  await shown('.action-bar').getByText('提交申请').click();
  await expectText(shown('.apply-result'), '申请已提交');
  await screenshot(page, 'h5-materials-02-submitted');

  const list = await applicant.api.get<{ data: AppView[] }>('/api/applications');
  const app = list.body.data[0];
  expect(app).toMatchObject({ name: companyName, state: 'submitted' });
  const files = await reviewer.api.get<{ data: { category: string; displayName: string; originalName: string }[] }>(
    `/api/applications/${app?.id}/attachments`,
  );
  expect(files.body.data.map((f) => [f.category, f.displayName]).sort()).toEqual([
    ['business_licence', `${companyName} 营业执照`],
    ['property_proof', `${companyName} 产权证明`],
  ]);
  expect((await must(reviewer.api, app?.id ?? 0, 'approve')).state).toBe('dispatching');
});
