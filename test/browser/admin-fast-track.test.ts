import type { Browser, Page } from 'playwright-core';
import { budgetTotal, budgetXlsx, pdf, sitePhoto } from '../../server/test/support/sampleFiles';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import {
  choose,
  createWalkStaff,
  logIn,
  openAdminEntry,
  openApplication,
  openList,
  photo,
  shot,
  StaffSessions,
  startAction,
  submitAction,
  upload,
  type WalkStaff,
} from '../support/adminBrowser';
import { launchBrowser } from '../support/browser';

/**
 * 快速通道 (issue G6), through the staff page only: the administrator adds a rule in 系统管理 →
 * 快速通道规则, an enterprise DN25 application without external works is typed in at the window and
 * takes the fast route (shown in the list, the step map and 报装记录), and the staff walk it to 已完成:
 * survey and budget in one visit, the window confirms, payment, construction, acceptance, handover —
 * no dispatch, design, contract, dispatch sheet, as-built drawing or settlement.
 */

jest.setTimeout(180_000);

let server: TestServer;
let browser: Browser;
let staff: WalkStaff;
let sessions: StaffSessions;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  staff = await createWalkStaff(server.url);
  sessions = new StaffSessions(browser, server.url, () => staff);
});
afterAll(async () => {
  await sessions.closeAll();
  await browser.close();
  await server.close();
});

async function as(who: keyof WalkStaff, number: string, steps: (page: Page) => Promise<void>): Promise<void> {
  const { page } = await sessions.of(who);
  await openApplication(page, number);
  await steps(page);
}

describe('an enterprise application on the fast route, from the rule to 已完成', () => {
  let number = '';

  it('gets its rule from the administrator, with Chinese field errors', async () => {
    const { page, close } = await logIn(browser, server.url, staff.admin);
    await openAdminEntry(page, '快速通道规则');
    await page.getByText('暂无规则：所有申请走标准流程').waitFor();
    await page.getByRole('button', { name: '新增规则' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '新增快速通道规则' });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('请填写规则名称').waitFor();
    await dialog.getByLabel('规则名称').fill('企业小口径');
    await dialog.getByLabel('居民').uncheck();
    await dialog.getByLabel('企业单位').check();
    await choose(page, dialog, '最大用水口径', 'DN40');
    await shot(page, 'fast-track-rule-form');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.locator('.ant-message').getByText('规则「企业小口径」已保存').waitFor();
    const row = page.locator('tr', { hasText: '企业小口径' });
    await row.getByText('企业单位；用水口径≤DN40；不涉及外线工程').waitFor();
    await row.getByText('已启用').waitFor();
    await shot(page, 'fast-track-rules');
    await close();
  });

  it('is typed in at the window with its caliber and no external works, and starts at the survey', async () => {
    const { page, close } = await logIn(browser, server.url, staff.window);
    await page.getByRole('menuitem', { name: '窗口受理' }).click();
    await page.getByLabel('单位名称').fill('越秀便利店有限公司');
    await page.getByLabel('社会信用代码').fill('91350100M000100Y43');
    await page.getByLabel('联系人').fill('李店长');
    await page.getByLabel('联系电话').fill('13912345678');
    await page.getByLabel('单位地址').fill('广州市越秀区中山五路1号');
    await page.getByLabel('申请用水地址').fill('广州市越秀区中山五路1号首层');
    await page.getByLabel('建筑面积（㎡）').fill('120');
    await choose(page, page.locator('body'), '用水口径', 'DN25');
    await page.locator('.ant-radio-button-wrapper', { hasText: '不涉及' }).click();
    await page.getByRole('button', { name: '提交受理' }).click();
    const title = await page.getByText(/受理成功，报装编号 BZ\d{10,}/).innerText();
    number = /BZ\d+/.exec(title)?.[0] ?? '';
    await page.getByText(/快速通道 · 当前状态：现场勘察/).waitFor();
    await close();
  });

  it('shows 快速通道 in the list, the step map and 报装记录', async () => {
    const { page } = await sessions.of('surveyor');
    await openList(page);
    await page.getByLabel('搜索报装').fill(number);
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('tr', { hasText: number }).locator('.route-tag', { hasText: '快速通道' }).waitFor();
    await shot(page, 'fast-track-list');
    await openApplication(page, number);
    await page.locator('.step-map-route').getByText('快速通道', { exact: true }).waitFor();
    const steps = await page.locator('.step-map .step-title').allInnerTexts();
    expect(steps.map((s) => s.replace(/^\d+\.\s*/, ''))).toEqual([
      '待审核',
      '现场勘察',
      '待用户确认',
      '缴费',
      '施工',
      '验收',
      '移交',
      '已完成',
    ]);
    await page.locator('.history').getByText('快速通道（规则：企业小口径）').waitFor();
    await shot(page, 'fast-track-detail');
  });

  it('is surveyed and budgeted in one visit, and the window confirms the budget', async () => {
    await as('surveyor', number, async (page) => {
      const form = await startAction(page, '提交勘察方案及预算');
      await upload(page, 'site_photo', [{ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: sitePhoto() }], 'camera');
      await upload(page, 'scheme_sketch', [{ name: 'sketch.pdf', mimeType: 'application/pdf', buffer: pdf('方案草图') }]);
      await upload(page, 'signed_scheme', [photo('signed.jpg')]);
      await upload(page, 'budget', [{ name: 'budget.xlsx', mimeType: 'application/octet-stream', buffer: await budgetXlsx() }]);
      await form.getByLabel('勘察方案说明').fill('从中山五路DN100支管接出DN25，水表设于店内');
      await form.getByLabel('预算总额（元）').fill(String(budgetTotal()));
      await shot(page, 'fast-track-survey-budget');
      expect(await submitAction(page, '提交勘察方案及预算')).toBe('待用户确认');
    });
    await as('window', number, async (page) => {
      const form = await startAction(page, '确认勘察方案和预算');
      await form.getByText('请查看勘察方案与预算').waitFor();
      await form.getByText('球墨铸铁管').first().waitFor();
      expect(await submitAction(page, '确认勘察方案和预算')).toBe('缴费');
    });
  });

  it('is paid, built, accepted and handed over to 已完成', async () => {
    await as('cashier', number, async (page) => {
      const form = await startAction(page, '登记已缴费');
      await form.getByLabel('缴费日期').fill('2026-11-25');
      await upload(page, 'payment_receipt', [photo('receipt.jpg')]);
      expect(await submitAction(page, '登记已缴费')).toBe('施工');
    });
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
      const meter = await startAction(page, '登记水表');
      await meter.getByLabel('表号').fill('JM-2026-0101');
      await choose(page, meter, '口径', 'DN25');
      await meter.getByLabel('型号').fill('LXS-25E');
      await meter.getByLabel('初始读数（m³）').fill('0');
      expect(await submitAction(page, '登记水表')).toBe('施工');
      await startAction(page, '施工完成，提交验收');
      expect(await submitAction(page, '施工完成，提交验收')).toBe('验收');
    });
    await as('acceptor', number, async (page) => {
      let form = await startAction(page, '提交验收');
      await form.getByLabel('验收日期').fill('2026-12-01');
      await form.getByLabel('验收信息').fill('试压合格，水表读数 0.00');
      await upload(page, 'acceptance_form', [photo('acceptance.jpg')]);
      await upload(page, 'acceptance_photo', [photo('site.jpg')]);
      expect(await submitAction(page, '提交验收')).toBe('移交');
      form = await startAction(page, '提交移交');
      await form.getByLabel('移交日期').fill('2026-12-02');
      await upload(page, 'handover_form', [photo('handover.jpg')]);
      expect(await submitAction(page, '提交移交')).toBe('已完成');
      await shot(page, 'fast-track-completed');
    });
  });
});
