/**
 * 认领报装 end to end: the window clerk takes an application at the counter, then on its detail page
 * sends the customer 发送认领短信; the customer opens the link from that SMS on their phone, finds the
 * number filled in, gets a code by SMS (the Aliyun stub is the phone), enters a wrong code first,
 * then the right one, and the application is in 我的报装. Screenshots: artifacts/browser/h5-claim-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../../server/test/support/factories';
import { VerificationCode } from '../../server/src/models';
import type { TestServer } from '../../server/test/support/testServer';
import type { AppView } from '../../server/test/support/workflow';
import { randomMobile, startWithSms } from '../../server/test/verification/support';
import type { AliyunSmsStub } from '../stubs/aliyunSms';
import { logIn, shot, type Session } from '../support/adminBrowser';
import { expectText, launchBrowser, newContext, screenshot, storeH5Session } from '../support/browser';

jest.setTimeout(120_000);

let server: TestServer;
let sms: AliyunSmsStub;
let browser: Browser;
let clerk: TestUser;
let customer: TestUser;
let staffPage: Session;
let phoneContext: BrowserContext;
let page: Page;

const phone = randomMobile();
let app: AppView;
let link = '';

beforeAll(async () => {
  ({ server, sms } = await startWithSms());
  [browser, clerk, customer] = await Promise.all([
    launchBrowser(),
    createStaff(server.url, ['window_clerk'], '王芳'),
    createApplicant(server.url),
  ]);
  const created = await clerk.api.post<{ data: AppView }>(
    '/api/applications',
    enterpriseForm({ name: '越秀区东风路临街商铺', contactPhone: phone }),
  );
  app = created.body.data;
});
afterAll(async () => {
  await staffPage?.close();
  await phoneContext?.close();
  await browser?.close();
  await server?.close();
  await sms?.close();
});

it('lets the window clerk text the customer the claim link from the detail page', async () => {
  staffPage = await logIn(browser, server.url, clerk);
  const staff = staffPage.page;
  await staff.goto(`${server.url}/admin/applications/${app.id}`);
  await staff.getByTestId('claim-sms-button').click();
  await expectText(staff.locator('.ant-popconfirm'), `向联系电话 ${phone} 发送 ${app.number} 的认领链接。`);
  await shot(staff, 'claim-sms-confirm');
  await staff.locator('.ant-popconfirm').getByRole('button', { name: '发送' }).click();
  await expectText(staff.locator('.ant-message'), `已向 ${phone.slice(0, 3)}****${phone.slice(-4)} 发送认领短信`);
  await shot(staff, 'claim-sms-sent');

  const text = sms.sentTo(phone).at(-1)?.text ?? '';
  expect(text).toContain(`您在营业厅办理的报装${app.number}可在线查看进度`);
  link = /(http\S+number=BZ\d+)/.exec(text)?.[1] ?? '';
  expect(link).toBe(`${server.url}/h5/pages/applications/claim/index?number=${app.number}`);
});

it('opens the claim page from the SMS with the number filled, and puts the application into 我的报装 with the code', async () => {
  phoneContext = await newContext(browser, 'phone');
  const me = await customer.api.get<{ data: unknown }>('/api/auth/me');
  await storeH5Session(phoneContext, { token: customer.token, user: me.body.data });
  page = await phoneContext.newPage();
  const shown = (selector: string, hasText?: string) => page.locator(selector, hasText ? { hasText } : undefined).filter({ visible: true });
  const input = (name: string) => shown(`input[name="${name}"]`);
  const fieldError = (label: string) => shown('.form-field--error', label).locator('.form-field__error');

  await page.goto(link);
  await expect(input('number').inputValue()).resolves.toBe(app.number);
  await input('phone').fill(phone);
  await shown('.sms-code-field__send').click();
  await expectText(shown('.form-field__hint'), `验证码已发送至 ${phone.slice(0, 3)}****${phone.slice(-4)}，5分钟内有效`);
  // The button counts down before another code may be asked for.
  await expectText(shown('.sms-code-field__send'), /^5\d秒后重发$/);
  const code = /验证码为(\d{6})/.exec(sms.sentTo(phone).at(-1)?.text ?? '')?.[1] ?? '';
  expect(code).toMatch(/^\d{6}$/);
  await screenshot(page, 'h5-claim-01-code-sent');

  await input('smsCode').fill(code === '000000' ? '111111' : '000000');
  await shown('.claim-page__submit').click();
  await expectText(fieldError('验证码'), '验证码不正确，还可以输入4次', { exact: true });
  await screenshot(page, 'h5-claim-02-wrong-code');

  await input('smsCode').fill(code);
  await shown('.claim-page__submit').click();
  await page.waitForURL(/pages\/applications\/index/);
  await expectText(shown('.application-card', app.number), '越秀区东风路临街商铺');
  await screenshot(page, 'h5-claim-03-my-applications');

  // The claim is in 报装记录, as the customer sees it.
  await shown('.application-card', app.number).click();
  await page.waitForURL(/pages\/progress\/detail\/index/);
  const claimEntry = shown('.timeline__item', '认领报装');
  await expectText(claimEntry, '认领报装');
  await claimEntry.scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  await screenshot(page, 'h5-claim-04-history');
});

it('resets a forgotten password from the login page with a code sent to the registered phone', async () => {
  const mobile = randomMobile();
  const username = `fg${Date.now().toString(36)}`;
  await clerk.api.post('/api/auth/register/code', { phone: mobile });
  const registered = await clerk.api.post('/api/auth/register', {
    username,
    password: 'old12345',
    kind: 'resident',
    displayName: '陈小姐',
    phone: mobile,
    agreedPrivacy: true,
    smsCode: /验证码为(\d{6})/.exec(sms.sentTo(mobile).at(-1)?.text ?? '')?.[1] ?? '',
  });
  expect(registered.status).toBe(201);
  // A minute later, as far as the limits are concerned.
  await VerificationCode.update({ createdAt: new Date(Date.now() - 61_000) }, { where: { phone: mobile } });
  const shift = 61_000 + (sms.now() - Date.now());
  sms.now = () => Date.now() + shift;

  const context = await newContext(browser, 'phone');
  const forgot = await context.newPage();
  const shown = (selector: string, hasText?: string) =>
    forgot.locator(selector, hasText ? { hasText } : undefined).filter({ visible: true });
  const input = (name: string) => shown(`input[name="${name}"]`);
  try {
    await forgot.goto(`${server.url}/h5/pages/account/login/index`);
    await shown('.link', '忘记密码').click();
    await forgot.waitForURL(/pages\/account\/forgot\/index/);
    await input('phone').fill(mobile);
    await shown('.sms-code-field__send').click();
    await expectText(shown('.form-field__hint'), '验证码已发送至');
    const code = /验证码为(\d{6})/.exec(sms.sentTo(mobile).at(-1)?.text ?? '')?.[1] ?? '';
    await input('smsCode').fill(code);
    await input('newPassword').fill('new12345');
    await input('confirm').fill('new12345');
    await screenshot(forgot, 'h5-claim-05-forgot-password');
    await shown('.account-page__submit').click();
    await expectText(forgot.locator('.taro-modal__content, .taro__modal, body'), `账号 ${username} 的新密码已生效`);
    await screenshot(forgot, 'h5-claim-06-password-reset');
  } finally {
    await context.close();
  }
  expect((await clerk.api.post('/api/auth/login', { username, password: 'new12345' })).status).toBe(200);
});
