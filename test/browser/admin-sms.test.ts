/**
 * 短信模板 in the staff pages: the administrator sets 请缴费's Aliyun template (code + variables),
 * is told what is wrong with a bad code on the field, and then sees in 消息发送记录 the SMS that went
 * out through the SDK to the loopback platform (已发送, phone masked) and the one held back by the
 * platform's flow control (限流). The applicant turns progress SMS off in the H5 mini program (我的),
 * told which messages still come. Screenshots go to artifacts/browser/admin-desktop-sms-*.png and
 * artifacts/browser/h5-sms-*.png.
 */
import type { Browser } from 'playwright-core';
import { OutboxWorker } from '../../server/src/workers';
import { applicationOf, drain, givePhone, notify, randomMobile, startSmsStub } from '../../server/test/sms/support';
import { createApplicant, createStaff, type TestUser } from '../../server/test/support/factories';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import type { AliyunSmsStub } from '../stubs/aliyunSms';
import { logIn, openAdminEntry, shot } from '../support/adminBrowser';
import { User } from '../../server/src/models';
import { expectCount, expectText, launchBrowser, newContext, screenshot, storeH5Session } from '../support/browser';

jest.setTimeout(180_000);

let sms: AliyunSmsStub;
let server: TestServer;
let browser: Browser;
let admin: TestUser;

beforeAll(async () => {
  sms = await startSmsStub();
  server = await startTestServer(sms.env({ SMS_LIMIT_PER_PHONE_MINUTE: '5' }));
  browser = await launchBrowser();
  admin = await createStaff(server.url, ['admin'], '王管理');
});
afterAll(async () => {
  await browser.close();
  await server.close();
  await sms.close();
});

describe('the administrator (PC)', () => {
  it('sets 请缴费’s SMS template and sees the messages it sent as 已发送 and 限流', async () => {
    const { page, close } = await logIn(browser, server.url, admin);
    await openAdminEntry(page, '短信模板');
    await page.getByRole('heading', { name: '短信模板' }).waitFor();
    await expectText(page.locator('.ant-alert'), '短信已开通（签名【自来水有限公司】）');
    const row = page.locator('tr', { hasText: '请缴费' });
    await expectText(row, '必达');
    await expectText(row, '不发短信');

    await page.getByRole('button', { name: '设置请缴费' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('模板代码').fill('12345');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expectText(dialog, '模板代码应为阿里云短信控制台中的格式，如 SMS_123456789');
    await dialog.getByLabel('模板代码').fill('SMS_800001');
    await expectCount(dialog.getByText('模板代码应为阿里云短信控制台中的格式'), 0);
    await dialog.getByRole('button', { name: '添加变量' }).click();
    await dialog.getByLabel('变量名 2').fill('text');
    await dialog.getByLabel('填入的内容 2').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '通知标题' }).first().click();
    await shot(page, 'sms-01-template-form');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expectText(page.locator('.ant-message'), '「请缴费」的短信模板已保存');
    await expectText(row, 'SMS_800001');
    await expectText(row, '${number}=申请编号，${text}=通知标题');
    await expectText(row, '已启用');
    await shot(page, 'sms-02-templates');

    // Two 请缴费 messages to an applicant without WeChat: the platform takes one a minute.
    const applicant = await createApplicant(server.url);
    const phone = randomMobile();
    await givePhone(applicant, phone);
    const app = await applicationOf(applicant);
    await notify(app, ['payment_due', 'payment_due']);
    await drain(new OutboxWorker(server.config, { id: 'browser-worker' }));
    expect(sms.sentTo(phone).map((m) => m.text)).toEqual([`【自来水有限公司】您的报装${app.number}有新进展：请缴费`]);

    await page.getByRole('menuitem', { name: '消息发送记录' }).click();
    await page.getByRole('heading', { name: '消息发送记录' }).waitFor();
    const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
    await expectText(page.locator('[data-delivery="sent"]').first(), `短信 ${masked}：已发送`);
    await expectText(page.locator('[data-delivery="limited"]').first(), `短信 ${masked}：限流（短信平台触发分钟级流控Permits:1）`);
    expect(await page.locator('body').innerText()).not.toContain(phone);
    await shot(page, 'sms-03-records');
    await close();
  });
});

describe('the applicant (H5 on a phone)', () => {
  it('turns progress SMS off in 我的, and is told which messages still come by SMS', async () => {
    const applicant = await createApplicant(server.url);
    await givePhone(applicant, randomMobile());
    const context = await newContext(browser, 'phone');
    const me = await applicant.api.get<{ data: unknown }>('/api/auth/me');
    await storeH5Session(context, { token: applicant.token, user: me.body.data });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/h5/pages/mine/index`);
      const card = page.locator('.mine-sms');
      await expectText(card, '短信通知进度');
      await expectText(card, '「请确认施工图和预算」「请缴费」「已通水」始终短信通知，不能关闭。');
      await screenshot(page, 'h5-sms-01-on');
      const toggle = card.locator('input[type="checkbox"]').first();
      expect(await toggle.isChecked()).toBe(true);
      await toggle.click();
      await expectText(card, '已关闭：进度只在小程序中查看。');
      expect(await toggle.isChecked()).toBe(false);
      // The switch slides over before the picture is taken.
      await page.waitForTimeout(500);
      await screenshot(page, 'h5-sms-02-off');
      expect((await User.findByPk(applicant.user.id))?.smsEnabled).toBe(false);
    } finally {
      await context.close();
    }
  });
});
