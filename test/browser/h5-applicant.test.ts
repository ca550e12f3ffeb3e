/**
 * The applicant's H5 pages at phone size against the real server: register, apply (a wrong field
 * first), follow the application, confirm the budget, refuse a design change. Staff work happens
 * through the API, as the staff pages would do it. Screenshots of each screen go to
 * artifacts/browser/h5-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Crew, createCrew, design, survey } from '../../server/test/support/journey';
import { createApplicant, creditCode, unique } from '../../server/test/support/factories';
import { dwg, jpeg, pdf, budgetXlsx } from '../../server/test/support/sampleFiles';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { mustUpload } from '../../server/test/support/uploads';
import { history, must, type AppView } from '../../server/test/support/workflow';
import { expectCount, expectText, launchBrowser, newContext, screenshot } from '../support/browser';

// A whole application's journey per file; the browser project's timeout is not applied per project.
jest.setTimeout(180_000);

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let crew: Crew;

const companyName = unique('珠江新城置业');
const username = unique('zj').slice(0, 24);
let number = '';
let app: AppView;
let budgetId = 0;

beforeAll(async () => {
  server = await startTestServer();
  [browser, crew] = await Promise.all([launchBrowser(), createCrew(server.url)]);
  context = await newContext(browser, 'phone');
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const h5 = (path: string) => `${server.url}/h5/${path}`;
/** Elements of the page on screen: Taro keeps the pages below it in the stack hidden in the DOM. */
const shown = (selector: string, hasText?: string) => page.locator(selector, hasText ? { hasText } : undefined).filter({ visible: true });
const input = (name: string) => shown(`input[name="${name}"]`);
const fieldError = (label: string) => shown('.form-field--error', label).locator('.form-field__error');

/**
 * A screenshot of the whole page. Taro's H5 pages scroll inside their own element, not the
 * document, so the viewport is stretched by what is scrolled out of view first.
 */
async function capture(name: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 390, height: 844 };
  const hidden = await page.evaluate(() =>
    Math.max(
      0,
      ...Array.from(document.querySelectorAll<HTMLElement>('.taro_page, .taro-tabbar__panel'))
        .filter((el) => el.offsetParent !== null || getComputedStyle(el).position === 'fixed')
        .map((el) => el.scrollHeight - el.clientHeight),
    ),
  );
  if (hidden > 0) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height + hidden });
  }
  await screenshot(page, name);
  await page.setViewportSize(viewport);
}

/** Finds the application by its number, as staff would. */
async function findByNumber(value: string): Promise<AppView> {
  const res = await crew.reviewer.api.get<{ data: AppView[] }>(`/api/applications?number=${value}`);
  const found = res.body.data[0];
  if (!found) {
    throw new Error(`no application ${value}`);
  }
  return found;
}

it('opens the new-application page from the official account menu, asks to log in, and registers after privacy consent', async () => {
  const taken = await createApplicant(server.url, 'enterprise');
  await page.goto(h5('pages/apply/index'));
  await page.waitForURL(/pages\/account\/login\/index/);
  // A fresh install shows the configured default name until the utility fills in 单位信息.
  await expectText(shown('.account-page__title'), '自来水有限公司 · 用户报装', { exact: true });
  await capture('h5-01-login');

  await page.getByText('注册新账号').click();
  await page.waitForURL(/pages\/account\/register\/index/);
  // Nothing personal is asked before the privacy consent.
  await expectText(shown('.privacy-consent'), '隐私保护提示');
  await expectCount(input('phone'), 0);
  await capture('h5-02-privacy-consent');
  await shown('.privacy-consent').getByText('同意并继续').click();

  await input('displayName').fill(companyName);
  await input('phone').fill('1391234567');
  await input('phone').blur();
  await expectText(fieldError('手机号'), '手机号格式不正确', { exact: true });
  await input('phone').fill('13912345678');
  await expectCount(fieldError('手机号'), 0);
  // A user name that is taken: the server's message lands under the field.
  await input('username').fill(taken.user.username);
  await input('password').fill('abc12345');
  await input('confirm').fill('abc12345');
  // No SMS configured on this server (local mode): the page shows the code it would have texted.
  await shown('.sms-code-field__send').click();
  await expectText(shown('.form-field__hint'), /^本地模式验证码：\d{6}$/);
  const code = /(\d{6})$/.exec((await shown('.form-field__hint').innerText()).trim())?.[1] ?? '';
  await input('smsCode').fill(code);
  await shown('.account-page__submit').click();
  await expectText(fieldError('用户名'), '用户名已被使用', { exact: true });
  await capture('h5-03-register');

  await input('username').fill(username);
  await shown('.account-page__submit').click();
  // Back where the menu wanted to go.
  await page.waitForURL(/pages\/apply\/index/);
  await shown('.apply-page').waitFor();
});

it('shows a wrong credit code in Chinese under the field and stores nothing, then submits and shows the number', async () => {
  const code = creditCode();
  const wrongCheck = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
  await input('name').fill(companyName);
  await input('creditCode').fill(wrongCheck);
  await input('creditCode').blur();
  await expectText(fieldError('社会信用代码'), '社会信用代码校验位不正确，请核对', { exact: true });
  await input('contactName').fill('陈经理');
  await input('contactPhone').fill('13912345678');
  await input('address').fill('广州市天河区华夏路10号');
  await input('waterAddress').fill('广州市天河区华夏路10号工地');
  await shown('.chip', '基建(施工)用水').click();
  await input('buildingArea').fill('2200');
  await shown('.action-bar').getByText('提交申请').click();
  await expectText(fieldError('社会信用代码'), '社会信用代码校验位不正确，请核对', { exact: true });
  await capture('h5-04-apply-invalid');
  const none = await crew.reviewer.api.get<{ meta: { total: number } }>(`/api/applications?name=${encodeURIComponent(companyName)}`);
  expect(none.body.meta.total).toBe(0);

  // The draft survives leaving the page.
  await page.goto(h5('pages/index/index'));
  await page.goto(h5('pages/apply/index'));
  await expectText(shown('.notice--info'), '已恢复您上次未提交的内容');
  expect(await input('contactName').inputValue()).toBe('陈经理');

  await input('creditCode').fill(code);
  await expectCount(fieldError('社会信用代码'), 0);
  await shown('.action-bar').getByText('提交申请').click();
  const resultNumber = shown('.apply-result-number');
  await expectText(resultNumber, /^BZ\d{10,}$/);
  number = (await resultNumber.textContent()) ?? '';
  await expectText(shown('.apply-result'), '待审核');
  await capture('h5-05-apply-submitted');
  app = await findByNumber(number);
  expect(app).toMatchObject({ name: companyName, state: 'submitted' });
});

it('lists the application with its number, state and 历时', async () => {
  await page.goto(h5('pages/applications/index'));
  const card = shown('.application-card', number);
  await card.waitFor();
  await expectText(card.locator('.state-tag'), '待审核', { exact: true });
  await expectText(card, companyName);
  await expectText(card, '历时 0小时');
  await capture('h5-06-list');
});

it('shows the budget to confirm once staff have surveyed and designed, and confirming it advances the step map', async () => {
  await must(crew.reviewer.api, app.id, 'approve');
  app = await must(crew.tech_head.api, app.id, 'dispatch');
  app = await survey(crew, app);
  ({ app, budgetId } = await design(crew, app));
  expect(app.state).toBe('confirming');

  await page.goto(h5(`pages/progress/detail/index?id=${app.id}`));
  await expectText(shown('.step-map__item--current'), '待用户确认');
  await expectText(shown('.commitment'), '这一步需要您办理');
  await expectText(shown('.documents'), '给水工程预算书');
  await capture('h5-07-detail-confirming');

  await shown('.action-confirm_design').click();
  await page.waitForURL(/pages\/progress\/confirm\/index/);
  await expectText(shown('.decided-version'), '预算书《给水工程预算书》');
  await expectText(shown('.confirm-page__version'), `文件编号 ${budgetId} ·`);
  await expectText(shown('.budget-table'), '球墨铸铁管');
  await expectText(shown('.budget-total'), '¥39,520.00', { exact: true });
  await capture('h5-08-confirm-budget');

  // The original budget downloads as it was uploaded; the drawing's PDF opens in the browser.
  const [download] = await Promise.all([page.waitForEvent('download'), shown('.link', '下载原件').click()]);
  expect(download.suggestedFilename()).toBe('budget.xlsx');
  const [pdfTab] = await Promise.all([
    context.waitForEvent('page'),
    shown('.confirm-page__file', '给水施工图PDF').getByText('查看').click(),
  ]);
  await pdfTab.waitForURL(/\/api\/attachments\/\d+\/preview\?/);
  await pdfTab.close();

  await shown('.action-bar .action-confirm_design').click();
  await expectText(shown('.reason-sheet'), `确认的是：预算书《给水工程预算书》（文件编号 ${budgetId}）`);
  await shown('.reason-sheet').getByText('确认无误').click();
  await page.waitForURL(/pages\/progress\/detail\/index/);
  await expectText(shown('.step-map__item--current'), '合同起草');
  await shown('.step-map__item--done', '待用户确认').waitFor();
  await expectText(shown('.timeline__item').first(), `已确认：预算书《给水工程预算书》（文件编号 ${budgetId}）`);
  await capture('h5-09-detail-confirmed');

  // The progress messages sent so far, in the app.
  await page.goto(h5('pages/progress/messages/index'));
  await expectText(shown('.message'), '请确认施工图和预算');
  await expectText(shown('.message'), number);
  await capture('h5-10-messages');

  const entries = await history(crew.reviewer.api, app.id);
  const confirmation = entries.find((e) => e.action === 'confirm_design');
  expect(confirmation?.payload).toMatchObject({ confirmed: true, budget: { attachmentId: budgetId } });
});

/** Contract, payment and dispatch sheet through the API, then a design change: 待确认设计变更. */
async function toDesignChange(): Promise<number> {
  const contract = {
    name: `${companyName}供水工程合同`,
    place: '广州市天河区',
    partyA: companyName,
    partyB: '市自来水公司',
    amount: 39520,
  };
  await must(crew.contract_clerk.api, app.id, 'submit_contract', { contract });
  await must(crew.contract_clerk.api, app.id, 'owner_approve');
  const stageHolders = [
    crew.contract_approver,
    crew.tech_head,
    crew.budgeter,
    crew.cashier,
    crew.contract_approver,
    crew.leader,
    crew.leader,
  ];
  for (const holder of stageHolders) {
    await must(holder.api, app.id, 'approve_stage');
  }
  await mustUpload(crew.contract_clerk.api, app.id, 'signed_contract', {
    displayName: '双方签字合同',
    fileName: 'contract.pdf',
    content: pdf('合同'),
  });
  await must(crew.contract_clerk.api, app.id, 'upload_signed_contract');
  await mustUpload(crew.cashier.api, app.id, 'payment_receipt', { displayName: '缴费收据', fileName: 'receipt.jpg', content: jpeg() });
  await must(crew.cashier.api, app.id, 'record_payment', { amount: 39520, paidOn: '2026-11-28', receiptNo: 'SJ-001' });
  const sheet = {
    materials: [{ name: '球墨铸铁管', spec: 'DN150', unit: '米', quantity: 120 }],
    meter: { number: 'SB-001', caliber: 'DN100', model: 'LXS-100' },
  };
  await must(crew.constructor.api, app.id, 'start_construction', { sheet });
  const drawing = await mustUpload(crew.designer.api, app.id, 'design_change', {
    displayName: '东门接口变更图',
    fileName: 'change.dwg',
    content: dwg(),
  });
  const changedBudget = [
    { name: '球墨铸铁管', spec: 'DN150', unit: '米', quantity: 150, price: 268.5 },
    { name: '闸阀', spec: 'DN150', unit: '个', quantity: 3, price: 1850 },
  ];
  await mustUpload(crew.budgeter.api, app.id, 'change_budget', {
    displayName: '变更预算书',
    fileName: 'change.xlsx',
    content: await budgetXlsx(changedBudget, '设计变更预算书'),
  });
  app = await must(crew.constructor.api, app.id, 'design_change', { comment: '东门地下有燃气管，接口移至北侧', budgetTotal: 45825 });
  expect(app.state).toBe('change_confirming');
  return drawing.id;
}

it('refuses a design change with a reason, naming the file version it was about', async () => {
  const changeId = await toDesignChange();
  await page.goto(h5(`pages/progress/detail/index?id=${app.id}`));
  await expectText(shown('.commitment'), '请确认设计变更');
  await shown('.action-reject_change').click();
  await page.waitForURL(/subject=change/);
  await expectText(shown('.decided-version'), '设计变更图纸《东门接口变更图》');
  await expectText(shown('.confirm-page__version'), `文件编号 ${changeId} ·`);
  await expectText(shown('.budget-total'), '¥45,825.00', { exact: true });
  await capture('h5-11-confirm-change');

  await shown('.action-bar .action-reject_change').click();
  const sheet = shown('.reason-sheet');
  await sheet.getByText('提交意见').click();
  await expectText(sheet, '请选择原因类别');
  await sheet.locator('.reason-choices__item', { hasText: '设计方案需调整' }).click();
  await sheet.getByText('提交意见').click();
  await expectText(sheet, '请填写原因');
  await sheet.locator('textarea').fill('北侧接口离围墙太近，请改到西侧');
  await capture('h5-12-reject-change-reason');
  await sheet.getByText('提交意见').click();
  await page.waitForURL(/pages\/progress\/detail\/index/);
  const latest = shown('.timeline__item').first();
  await expectText(latest, '不同意设计变更');
  await expectText(latest, '原因：设计方案需调整');
  await expectText(latest, '意见：北侧接口离围墙太近，请改到西侧');
  await expectText(latest, `未同意：设计变更图纸《东门接口变更图》（文件编号 ${changeId}）`);
  await expectText(shown('.step-map__item--current'), '施工');
  await capture('h5-13-detail-change-rejected');

  const entries = await history(crew.reviewer.api, app.id);
  const refusal = entries.find((e) => e.action === 'reject_change');
  expect(refusal).toMatchObject({
    comment: '北侧接口离围墙太近，请改到西侧',
    payload: { confirmed: false, design_change: { attachmentId: changeId } },
  });
});
