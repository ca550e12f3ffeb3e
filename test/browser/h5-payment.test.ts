/**
 * 缴费 in the applicant's H5 pages: the amount due from the contract and how to pay (单位信息's bank
 * account and counters), a reminder in the record with whether it reached them, then the amount paid
 * and the receipt number once the cashier recorded it. Staff work happens through the API.
 * Screenshots go to artifacts/browser/h5-payment-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { dueAt } from '../../server/src/lib/deadlines';
import { scanReminders } from '../../server/src/workers';
import { createCrew, design, onlineEnterpriseAtSurvey, survey, type Crew } from '../../server/test/support/journey';
import { jpeg, pdf } from '../../server/test/support/sampleFiles';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { mustUpload } from '../../server/test/support/uploads';
import { must, type AppView } from '../../server/test/support/workflow';
import { expectText, launchBrowser, newContext, screenshot, storeH5Session } from '../support/browser';

jest.setTimeout(180_000);

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let crew: Crew;

const STAGE_ROLES = ['contract_approver', 'tech_head', 'budgeter', 'cashier', 'contract_approver', 'leader', 'leader'] as const;
const COUNTERS = '人民路1号营业厅一楼缴费窗口（工作日 8:30–17:30）';

beforeAll(async () => {
  server = await startTestServer();
  [browser, crew] = await Promise.all([launchBrowser(), createCrew(server.url)]);
  await crew.admin.api.put('/api/settings/utility', {
    name: '示例市自来水有限公司',
    shortName: '示例水务',
    address: '示例市人民路1号',
    phone: '96116',
    bankName: '中国工商银行示例市分行营业部',
    bankAccount: '1202020009001234567',
    accountName: '示例市自来水有限公司',
    paymentCounters: COUNTERS,
  });
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

it('shows the amount due and how to pay, a reminder in the record, then the amount paid and the receipt number', async () => {
  const { applicant, app } = await onlineEnterpriseAtSurvey(server.url, crew);
  const { budgetId } = await design(crew, await survey(crew, app));
  await must(applicant.api, app.id, 'confirm_design', { budgetAttachmentId: budgetId });
  await must(crew.contract_clerk.api, app.id, 'save_contract', { contract: { partyB: '示例市自来水有限公司', amount: 38650.75 } });
  let review: AppView = await must(crew.contract_clerk.api, app.id, 'submit_contract');
  await must(crew.contract_clerk.api, app.id, 'owner_approve');
  for (let stage = 1; stage <= 7; stage++) {
    const role = STAGE_ROLES[(review.step.contractStage?.position ?? 1) - 1] ?? 'leader';
    review = await must(crew[role].api, app.id, 'approve_stage', { comment: '同意' });
  }
  await mustUpload(crew.contract_clerk.api, app.id, 'signed_contract', {
    displayName: '双方签字合同',
    fileName: 'c.pdf',
    content: pdf('合同'),
  });
  const atPayment = await must(crew.contract_clerk.api, app.id, 'upload_signed_contract');
  expect(atPayment.state).toBe('payment');
  // Four working days on: the first reminder (3 working days) is due.
  const entered = (atPayment.step as AppView['step'] & { enteredAt: string }).enteredAt;
  await scanReminders(new Date((dueAt(new Date(entered), { value: 4, unit: 'workdays' })?.getTime() ?? 0) + 60_000));

  const me = await applicant.api.get<{ data: unknown }>('/api/auth/me');
  await storeH5Session(context, { token: applicant.token, user: me.body.data });
  await page.goto(h5(`pages/progress/detail/index?id=${app.id}`));
  // The first open of a fresh build loads its chunks: wait for the page itself.
  await shown('.detail-page__number', app.number).waitFor({ timeout: 30_000 });
  const pay = shown('.payment');
  await expectText(pay, '请缴费');
  await expectText(pay, '¥38,650.75');
  await expectText(pay, '1202020009001234567');
  await expectText(pay, '中国工商银行示例市分行营业部');
  await expectText(pay, COUNTERS);
  await expectText(pay, `报装编号 ${app.number}`);
  const reminder = shown('.timeline__item--notice', '办理提醒');
  await expectText(reminder, '已等待超过3个工作日');
  await expectText(reminder, '（应缴金额38,650.75元）');
  await expectText(shown('.timeline__item--notice', '请缴费'), '应缴金额38,650.75元');
  await screenshot(page, 'h5-payment-01-due');
  await reminder.scrollIntoViewIfNeeded();
  await screenshot(page, 'h5-payment-01b-record');

  await mustUpload(crew.cashier.api, app.id, 'payment_receipt', { displayName: '缴费收据', fileName: 'r.jpg', content: jpeg() });
  await must(crew.cashier.api, app.id, 'record_payment', { amount: 38650.75, paidOn: '2026-12-07', receiptNo: 'SJ-20261207-01' });
  await page.reload();
  const paid = shown('.payment');
  await expectText(paid, '缴费信息');
  await expectText(paid, '¥38,650.75');
  await expectText(paid, 'SJ-20261207-01');
  await expect(shown('.payment', '请缴费').count()).resolves.toBe(0);
  await screenshot(page, 'h5-payment-02-paid');
});
