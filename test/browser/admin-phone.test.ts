import type { Browser, Page } from 'playwright-core';
import { pdf, sitePhoto } from '../../server/test/support/sampleFiles';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import {
  choose,
  createWalkStaff,
  drawer,
  openAdminEntry,
  openApplication,
  overflowsX,
  photo,
  shot,
  StaffSessions,
  startAction,
  submitAction,
  upload,
  type WalkStaff,
} from '../support/adminBrowser';
import { launchBrowser } from '../support/browser';

jest.setTimeout(180_000);

let server: TestServer;
let browser: Browser;
let staff: WalkStaff;
let sessions: StaffSessions;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  staff = await createWalkStaff(server.url);
  sessions = new StaffSessions(browser, server.url, () => staff, 'phone');
});
afterAll(async () => {
  await sessions.closeAll();
  await browser.close();
  await server.close();
});

/** The same person keeps their phone logged in between turns. */
async function phoneOf(who: keyof WalkStaff): Promise<Page> {
  return (await sessions.of(who)).page;
}

async function as(who: keyof WalkStaff, number: string, steps: (page: Page) => Promise<void>): Promise<void> {
  const page = await phoneOf(who);
  await openApplication(page, number);
  expect(await overflowsX(page)).toBe(false);
  await steps(page);
}

describe('a resident application on a phone (390 px), through the staff page only', () => {
  let number = '';

  it('is typed in at the window on a phone', async () => {
    const page = await phoneOf('window');
    await shot(page, 'worklist', 'phone');
    expect(await overflowsX(page)).toBe(false);
    await page.getByRole('button', { name: '打开菜单' }).click();
    await shot(page, 'menu', 'phone');
    await page.getByRole('menuitem', { name: '窗口受理' }).click();
    await page.locator('.ant-segmented-item', { hasText: '居民' }).click();
    await page.getByLabel('姓名').fill('张三');
    await page.getByLabel('联系电话').fill('13712345678');
    await page.getByLabel('住址').fill('广州市越秀区东风中路88号3栋502');
    await page.getByLabel('申请用水地址').fill('广州市越秀区东风中路88号3栋502');
    await page.getByLabel('建筑面积（㎡）').fill('96.5');
    expect(await overflowsX(page)).toBe(false);
    await shot(page, 'window-entry', 'phone');
    await page.getByRole('button', { name: '提交受理' }).click();
    const title = await page.getByText(/受理成功，报装编号 BZ\d{10,}/).innerText();
    number = /BZ\d+/.exec(title)?.[0] ?? '';
    expect(title).toContain(number);
  });

  it('gets its survey photographed on site, with a dropped upload retried', async () => {
    const page = await phoneOf('surveyor');
    // In the surveyor's worklist as a card, not a table.
    await page.reload();
    await page.getByTestId('application-card').filter({ hasText: number }).waitFor();
    await shot(page, 'worklist-cards', 'phone');
    await as('surveyor', number, async (p) => {
      await shot(p, 'detail', 'phone');
      const form = await startAction(p, '提交勘察方案');
      // The site's mobile network drops the first upload: the clerk sees it and retries.
      let dropped = false;
      await p.route('**/api/applications/*/attachments', async (route) => {
        if (!dropped && route.request().method() === 'POST') {
          dropped = true;
          await route.abort('connectionreset');
        } else {
          await route.continue();
        }
      });
      await p
        .locator('[data-testid="camera-site_photo"]')
        .setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: sitePhoto() });
      const slot = drawer(p).locator('.upload-slot[data-category="site_photo"]');
      await slot.getByText('上传失败：上传中断，请检查网络后重试').waitFor();
      await shot(p, 'upload-retry', 'phone');
      await slot.getByRole('button', { name: '重试' }).click();
      await slot.locator('.upload-done').waitFor();
      await p.unroute('**/api/applications/*/attachments');
      await upload(p, 'scheme_sketch', [{ name: 'sketch.pdf', mimeType: 'application/pdf', buffer: pdf('草图') }]);
      await upload(p, 'signed_scheme', [photo('signed.jpg')], 'camera');
      await form.getByLabel('勘察方案说明').fill('从东风中路DN100支管接入，表箱设于楼道');
      await shot(p, 'action-survey', 'phone');
      expect(await submitAction(p, '提交勘察方案')).toBe('缴费');
    });
  });

  it('goes ahead unpaid with the leader’s approval', async () => {
    await as('cashier', number, async (page) => {
      const form = await startAction(page, '未缴费，申请领导同意先施工');
      await form.getByLabel('意见').fill('用户承诺本月内缴费');
      expect(await submitAction(page, '未缴费，申请领导同意先施工')).toBe('待领导审批');
    });
    await as('leader', number, async (page) => {
      await startAction(page, '领导同意先施工');
      expect(await submitAction(page, '领导同意先施工')).toBe('施工');
      await page.getByText('未缴费，经领导同意先施工').waitFor();
    });
  });

  it('is built, accepted and handed over from phones', async () => {
    await as('builder', number, async (page) => {
      for (const [label, category] of [
        ['上传进场照片', 'entry_photo'],
        ['上传完工照片', 'completion_photo'],
        ['上传通水照片', 'water_on_photo'],
      ] as const) {
        await startAction(page, label);
        await upload(page, category, [photo(`${category}.jpg`)], 'camera');
        expect(await submitAction(page, label)).toBe('施工');
      }
      // 登记水表: the resident's meter, before 施工完成.
      const meter = await startAction(page, '登记水表');
      await meter.getByLabel('表号').fill('JM-2026-0101');
      await choose(page, meter, '口径', 'DN20');
      await meter.getByLabel('型号').fill('LXS-20E');
      await meter.getByLabel('初始读数（m³）').fill('0');
      expect(await submitAction(page, '登记水表')).toBe('施工');
      await startAction(page, '施工完成，提交验收');
      expect(await submitAction(page, '施工完成，提交验收')).toBe('验收');
    });
    await as('acceptor', number, async (page) => {
      let form = await startAction(page, '提交验收');
      await form.getByLabel('验收日期').fill('2026-12-01');
      await form.getByLabel('验收信息').fill('户内水表运行正常');
      await upload(page, 'acceptance_form', [photo('form.jpg')], 'camera');
      await upload(page, 'acceptance_photo', [photo('site.jpg')], 'camera');
      expect(await submitAction(page, '提交验收')).toBe('移交');
      form = await startAction(page, '提交移交');
      await form.getByLabel('移交日期').fill('2026-12-02');
      await upload(page, 'handover_form', [photo('handover.jpg')], 'camera');
      await shot(page, 'action-handover', 'phone');
      expect(await submitAction(page, '提交移交')).toBe('已完成');
      expect(await overflowsX(page)).toBe(false);
      await shot(page, 'detail-completed', 'phone');
    });
  });

  it('fits every main screen into 390 px', async () => {
    const page = await phoneOf('admin');
    const screens: [string, string][] = [
      ['报装列表', 'list'],
      ['统计看板', 'dashboard'],
      ['用户与角色', 'admin-users'],
      ['流程步骤设置', 'admin-steps'],
      ['合同审批环节', 'admin-contract-stages'],
      ['消息发送记录', 'admin-notifications'],
    ];
    for (const [menu, name] of screens) {
      if (menu === '报装列表' || menu === '统计看板') {
        await page.getByRole('button', { name: '打开菜单' }).click();
        await page.getByRole('menuitem', { name: menu }).click();
      } else {
        await openAdminEntry(page, menu);
      }
      await page.getByRole('heading', { name: menu === '流程步骤设置' ? '流程步骤设置' : menu }).waitFor();
      await page.waitForLoadState('networkidle');
      expect({ name, overflows: await overflowsX(page) }).toEqual({ name, overflows: false });
      await shot(page, name, 'phone');
    }
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('menuitem', { name: '报装列表' }).click();
    await page.getByRole('button', { name: '筛选' }).click();
    await page.getByText('筛选条件').waitFor();
    await shot(page, 'list-filters', 'phone');
  });
});
