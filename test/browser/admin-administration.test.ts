/**
 * The administration a utility runs on, as its administrator and staff use it: the 2027 calendar
 * imported from an Excel sheet, the audit log saying who changed it, customers' accounts found and
 * unlocked, and the archive searched — on a PC, and the archive on a phone as well.
 */
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { createApplicant, createStaff, enterpriseForm } from '../../server/test/support/factories';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { jpeg } from '../../server/test/support/sampleFiles';
import { uploadFile } from '../../server/test/support/uploads';
import type { AppView } from '../../server/test/support/workflow';
import { logIn, overflowsX, shot } from '../support/adminBrowser';
import { launchBrowser } from '../support/browser';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

async function springFestivalSheet(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('2027');
  sheet.addRow(['开始日期', '结束日期', '类型', '名称']);
  sheet.addRow([new Date(Date.UTC(2027, 1, 6)), new Date(Date.UTC(2027, 1, 12)), '放假', '春节']);
  sheet.addRow(['2027-02-20', '', '上班', '春节调休']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

it('imports the 2027 holidays from Excel, previews, saves, and the audit log names who did it', async () => {
  const admin = await createStaff(server.url, ['admin'], '管理员林');
  const session = await logIn(browser, server.url, admin);
  const { page } = session;
  await page.goto(`${server.url}/admin/admin/calendar`);
  await page.getByRole('heading', { name: '工作日历' }).waitFor();
  await page.locator('input[type=file]').setInputFiles({
    name: '2027年放假安排.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await springFestivalSheet(),
  });
  // The sheet's rows land in the box, marked with their Excel rows, and the preview counts the days.
  await page.getByText('共8天，放假7天').waitFor();
  await expect(page.locator('textarea').inputValue()).resolves.toContain('2027-02-06~2027-02-12 放假 春节 # Excel第2行');
  await shot(page, 'calendar-import-preview');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('2027年工作日历已保存').waitFor();

  await page.goto(`${server.url}/admin/admin/audit`);
  const row = page.locator('tr', { hasText: '修改工作日历' });
  await row.waitFor();
  await expect(row.innerText()).resolves.toContain('管理员林');
  await expect(row.innerText()).resolves.toContain('2027 年，8 个放假/调休日');
  await page.getByRole('button', { name: '校验记录完整性' }).click();
  await page.getByText(/校验通过：\d+ 条记录的哈希链完整/).waitFor();
  await shot(page, 'audit-log');
  await session.close();
});

it('finds a locked-out customer in 报装用户管理 and unlocks them', async () => {
  const admin = await createStaff(server.url, ['admin']);
  const customer = await createApplicant(server.url, 'resident');
  for (let i = 0; i < 5; i++) {
    await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: customer.user.username, password: `wrong${i}pass` }),
    });
  }
  const session = await logIn(browser, server.url, admin);
  const { page } = session;
  await page.goto(`${server.url}/admin/admin/applicants`);
  await page.getByPlaceholder('姓名 / 用户名 / 手机号').fill(customer.user.username);
  await page.getByPlaceholder('姓名 / 用户名 / 手机号').press('Enter');
  const row = page.locator('tr', { hasText: customer.user.username });
  await row.getByText('已锁定').waitFor();
  await shot(page, 'applicants');
  await row.getByRole('button', { name: '解锁' }).click();
  await row.getByText('正常').waitFor();
  await session.close();
});

it('searches the archive by 单位名称 and category, on a PC and on a phone', async () => {
  const surveyor = await createStaff(server.url, ['surveyor']);
  const clerk = await createStaff(server.url, ['window_clerk']);
  const created = await clerk.api.post<{ data: AppView }>('/api/applications', enterpriseForm({ name: '档案测试置业有限公司' }));
  expect(created.status).toBe(201);
  const app = created.body.data;
  // Staff may add 其他资料 to an application at any time.
  const uploaded = await uploadFile(clerk.api, app.id, 'other', { displayName: '用地红线图', fileName: 'map.jpg', content: jpeg() });
  expect(uploaded.status).toBe(201);

  for (const device of ['desktop', 'phone'] as const) {
    const session = await logIn(browser, server.url, surveyor, device);
    const { page } = session;
    await page.goto(`${server.url}/admin/archive?name=${encodeURIComponent('档案测试置业')}`);
    const row = page.locator('tr', { hasText: '用地红线图' });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain(app.number);
    await expect(row.innerText()).resolves.toContain('其他资料');
    if (device === 'phone') {
      // The table scrolls inside its own box; the page itself does not scroll sideways.
      await expect(overflowsX(page)).resolves.toBe(false);
    }
    await shot(page, 'archive', device);
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: '下载' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.jpg$/);
    await session.close();
  }
});

it('warns the window clerk of the same site in progress, finds it by 联系人, and shows 预计通水日期', async () => {
  const customer = await createApplicant(server.url, 'enterprise');
  const first = await customer.api.post<{ data: AppView }>(
    '/api/applications',
    enterpriseForm({ name: '重复提醒置业有限公司', contactName: '欧阳经理', waterAddress: '广州市天河区重复提醒路8号工地' }),
  );
  expect(first.status).toBe(201);
  const clerk = await createStaff(server.url, ['window_clerk']);
  const session = await logIn(browser, server.url, clerk);
  const { page } = session;
  await page.goto(`${server.url}/admin/applications/new`);
  await page.getByLabel('申请用水地址').fill('广州市天河区重复提醒路8号工地');
  await page.getByLabel('联系电话').click();
  const warning = page.locator('.ant-alert-warning', { hasText: '可能重复' });
  await warning.waitFor();
  await expect(warning.innerText()).resolves.toContain(first.body.data.number);
  await expect(warning.innerText()).resolves.toContain('申请用水地址相同');
  await shot(page, 'duplicate-warning');

  await page.goto(`${server.url}/admin/applications?contactName=${encodeURIComponent('欧阳')}`);
  const row = page.locator('tr', { hasText: first.body.data.number });
  await row.waitFor();
  await expect(page.locator('tbody tr').count()).resolves.toBe(1);
  await row.getByRole('link', { name: '报装详情' }).click();
  await page.getByText('预计通水日期').waitFor();
  // Bordered descriptions: the label cell, then its value cell.
  const value = page.locator('th', { hasText: '预计通水日期' }).locator('xpath=following-sibling::td[1]');
  await expect(value.innerText()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}（未计入用户办理环节：/);
  await shot(page, 'expected-water-on');
  await session.close();
});
