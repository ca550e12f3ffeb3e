import type { Browser, Locator, Page } from 'playwright-core';
import { createCrew, design, onlineEnterpriseAtSurvey, survey, type Crew } from '../../server/test/support/journey';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { must, type AppView } from '../../server/test/support/workflow';
import type { TestUser } from '../../server/test/support/factories';
import { compact, pdfText } from '../support/adminPdf';
import { logIn, openAdminEntry, openApplication, overflowsX, shot, startAction, type FileInput } from '../support/adminBrowser';
import { launchBrowser, newContext } from '../support/browser';
import { demoSealPng } from '../../server/src/seed/demoUtility';
import { png } from '../../server/test/support/sampleFiles';

jest.setTimeout(180_000);

let server: TestServer;
let browser: Browser;
let crew: Crew;
let applicant: TestUser;
let app: AppView;
let budgetId: number;

const NAME = '临江市自来水有限公司';
const BANK_ACCOUNT = '3301040160000123456';
const seal: FileInput = { name: '公章.png', mimeType: 'image/png', buffer: demoSealPng() };

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  crew = await createCrew(server.url);
  ({ applicant, app } = await onlineEnterpriseAtSurvey(server.url, crew));
  await survey(crew, app);
  ({ budgetId } = await design(crew, app));
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

/** 系统管理 → 单位信息 through the menu (the drawer menu on a phone). */
async function openUtilityPage(page: Page): Promise<void> {
  await openAdminEntry(page, '单位信息');
  await page.getByRole('heading', { name: '单位信息' }).waitFor();
}

describe('单位信息 (PC)', () => {
  it('is filled in by the administrator, with field messages for bad input, and a seal picked with a preview', async () => {
    const { page, close } = await logIn(browser, server.url, crew.admin);
    await openUtilityPage(page);
    await page.getByText('请在系统管理→单位信息中填写本单位信息').waitFor();
    expect(await page.getByLabel('单位名称').inputValue()).toBe('自来水有限公司');

    await page.getByLabel('单位名称').fill(NAME);
    await page.getByLabel('简称').fill('临江水务');
    await page.getByLabel('地址').fill('临江市滨江路88号');
    await page.getByLabel('服务电话').fill('0571-8888');
    await page.getByLabel('开户银行').fill('中国工商银行临江分行');
    await page.getByLabel('银行账号').fill('3301-0401');
    await page.getByLabel('户名').fill(NAME);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('银行账号只能是8至30位数字').waitFor();
    await page.getByText('服务电话格式不正确（手机号、带区号的固定电话或400/96开头的服务热线）').waitFor();
    await shot(page, 'utility-errors');

    await page.getByLabel('服务电话').fill('96390');
    await page.getByLabel('银行账号').fill(BANK_ACCOUNT);
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.ant-message').getByText('单位信息已保存').waitFor();
    await expectGone(page.getByText('请在系统管理→单位信息中填写本单位信息'));
    // The corrected fields no longer say they are wrong (antd fades the messages out).
    await expectGone(page.locator('.ant-form-item-explain-error').first());
    expect(await page.locator('.ant-form-item-explain-error').count()).toBe(0);

    // A file that is not an image is refused by the picker; the seal is uploaded at once and previewed.
    expect(await page.getByLabel('选择印章图片').isVisible()).toBe(false);
    await page.getByLabel('选择印章图片').setInputFiles({ name: 'seal.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await page.locator('.ant-message').getByText('印章图片只能是 PNG 或 JPEG 图片').waitFor();
    await page.getByLabel('选择印章图片').setInputFiles(seal);
    await page.locator('.ant-message').getByText('印章图片已更换').waitFor();
    const preview = page.getByTestId('utility-seal').locator('img');
    await preview.waitFor();
    expect(await loadedWidth(preview)).toBe(200);
    await page.getByLabel('选择Logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png() });
    await page.locator('.ant-message').getByText('Logo已更换').waitFor();
    await page.getByTestId('utility-logo').locator('img').waitFor();
    await shot(page, 'utility-saved');

    // After a reload the page shows what the server holds.
    await page.reload();
    await page.getByRole('heading', { name: '单位信息' }).waitFor();
    expect(await page.getByLabel('单位名称').inputValue()).toBe(NAME);
    expect(await page.getByLabel('银行账号').inputValue()).toBe(BANK_ACCOUNT);
    await close();
  });

  it('is printed on the 预算书: the new name, the seal in the 盖章 area and where to pay', async () => {
    const { page, close } = await logIn(browser, server.url, crew.budgeter);
    await page.goto(`${server.url}/admin/print/${app.id}/budget`);
    const book = page.getByTestId('budget-book');
    await book.waitFor();
    await book.getByText('合计（大写）').waitFor();
    expect(await book.locator('.print-company-name').innerText()).toBe(NAME);
    const stamp = book.getByTestId('print-seal');
    await stamp.waitFor();
    expect(await loadedWidth(stamp)).toBe(200);
    // The seal sits on the 单位（盖章） line, not anywhere on the page.
    expect(await stamp.evaluate((img) => img.parentElement?.textContent)).toContain(`单位（盖章）：${NAME}`);
    await shot(page, 'print-budget-utility');

    const text = compact(pdfText(await page.pdf({ format: 'A4', printBackground: true })));
    for (const expected of [NAME, '服务电话：96390', '缴费说明', BANK_ACCOUNT, '中国工商银行临江分行']) {
      expect(text).toContain(compact(expected));
    }
    expect(text).not.toContain(compact('自来水有限公司供水工程预算书'));
    await close();
  });

  it('pre-fills the contract’s 乙方 from 单位信息', async () => {
    await must(applicant.api, app.id, 'confirm_design', { budgetAttachmentId: budgetId });
    const { page, close } = await logIn(browser, server.url, crew.contract_clerk);
    await openApplication(page, app.number);
    const form = await startAction(page, '提交合同审批');
    // 单位信息 arrives after the form opened; the field fills in then.
    await form
      .getByLabel('合同乙方')
      .and(page.locator(`input[value="${NAME}"]`))
      .waitFor();
    expect(await form.getByLabel('合同乙方').inputValue()).toBe(NAME);
    await close();
  });
});

describe('单位信息 on a phone (390 px)', () => {
  it('lays the form out in one column without sideways scrolling, seal preview included', async () => {
    const { page, close } = await logIn(browser, server.url, crew.admin, 'phone');
    await openUtilityPage(page);
    expect(await page.getByLabel('单位名称').inputValue()).toBe(NAME);
    await page.getByTestId('utility-seal').locator('img').waitFor();
    expect(await overflowsX(page)).toBe(false);
    const [name, short] = await Promise.all([page.getByLabel('单位名称').boundingBox(), page.getByLabel('简称').boundingBox()]);
    expect(short!.y).toBeGreaterThan(name!.y + name!.height);
    await shot(page, 'utility', 'phone');
    await close();
  });

  it('shows the short name on the H5 login page, where the app title was', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await page.goto(`${server.url}/h5/pages/account/login/index`);
    await page.locator('.account-page__title').filter({ hasText: '临江水务 · 用户报装' }).waitFor();
    const logo = page.locator('.account-page__logo--image img');
    await logo.waitFor();
    expect(await loadedWidth(logo)).toBeGreaterThan(0);
    await shot(page, 'h5-login-utility', 'phone');
    await context.close();
  });
});

/** The width of an image once the browser has loaded and decoded it (0 would be a broken image). */
function loadedWidth(image: Locator): Promise<number> {
  return image.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth));
}

async function expectGone(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'detached' });
}
