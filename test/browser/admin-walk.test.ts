import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { budgetTotal, budgetXlsx, dwg, pdf, sitePhoto, type BudgetLine } from '../../server/test/support/sampleFiles';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { compact, pdfText } from '../support/adminPdf';
import {
  choose,
  createWalkStaff,
  drawer,
  logIn,
  openAdminEntry,
  openApplication,
  openList,
  photo,
  shot,
  StaffSessions,
  startAction,
  stateLabel,
  submitAction,
  upload,
  waitForState,
  type FileInput,
  type WalkStaff,
} from '../support/adminBrowser';
import { expectText, launchBrowser } from '../support/browser';

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

const pdfFile = (name: string, text: string): FileInput => ({ name, mimeType: 'application/pdf', buffer: pdf(text) });
const CHEAPER: BudgetLine[] = [
  { name: '球墨铸铁管', spec: 'DN150', unit: '米', quantity: 110, price: 255 },
  { name: '闸阀', spec: 'DN150', unit: '个', quantity: 2, price: 1800 },
];

/** `who` finds the application in the list and works on its detail page. */
async function as(who: keyof WalkStaff, number: string, steps: (page: Page) => Promise<void>): Promise<void> {
  const { page } = await sessions.of(who);
  await openApplication(page, number);
  await steps(page);
}

/** Takes one action that needs nothing but (optionally) a comment. */
async function simple(page: Page, label: string, comment?: string): Promise<string> {
  const form = await startAction(page, label);
  // Returns and rejections ask a 原因类别 first.
  if (await form.getByLabel('原因类别', { exact: true }).count()) {
    await choose(page, form, '原因类别', '其他');
  }
  if (comment) {
    await form.getByLabel(/^原因$|意见/).fill(comment);
  }
  return submitAction(page, label);
}

describe('an enterprise application from window entry to settlement, through the staff page only', () => {
  let number = '';

  it('is typed in at the window with the shared validation', async () => {
    const { page, close } = await logIn(browser, server.url, staff.window);
    await shot(page, 'worklist');
    await page.getByRole('menuitem', { name: '窗口受理' }).click();
    await page.getByLabel('单位名称').fill('珠江摩尔置业有限公司');
    await page.getByLabel('社会信用代码').fill('91350100M000100Y44');
    await page.getByLabel('联系人').fill('陈经理');
    await page.getByLabel('联系电话').fill('12345');
    await page.getByLabel('单位地址').fill('广州市天河区华夏路10号');
    await page.getByLabel('申请用水地址').fill('广州市天河区华夏路10号工地');
    await page.getByLabel('建筑面积（㎡）').fill('22200');
    await page.getByRole('button', { name: '提交受理' }).click();
    // Field errors in Chinese, from the shared schema, on the fields they concern.
    await page.getByText('社会信用代码校验位不正确，请核对').waitFor();
    await page.getByText('联系电话格式不正确（手机号或带区号的固定电话）').waitFor();
    await shot(page, 'window-entry-errors');

    await page.getByLabel('社会信用代码').fill('91350100M000100Y43');
    await page.getByLabel('联系电话').fill('13912345678');
    await page.getByRole('button', { name: '提交受理' }).click();
    const title = await page.getByText(/受理成功，报装编号 BZ\d{10,}/).innerText();
    number = /BZ\d+/.exec(title)?.[0] ?? '';
    expect(number).toMatch(/^BZ\d{10,}$/);
    await shot(page, 'window-entry-done');
    await close();
  });

  it('turns 历时 red once 待派工 passes a threshold set in the administration page', async () => {
    const admin = await logIn(browser, server.url, staff.admin);
    const { page } = admin;
    await openAdminEntry(page, '流程步骤设置');
    await page.getByLabel('待派工阈值', { exact: true }).fill('0.001');
    await choose(page, page.locator('body'), '待派工阈值单位', '小时');
    await page.getByTestId('save-enterprise-dispatching').click();
    await page.locator('.ant-message').getByText('「待派工」已保存').waitFor();
    await shot(page, 'admin-steps');
    await admin.close();
    await new Promise((r) => setTimeout(r, 4000));

    const tech = await sessions.of('techHead');
    // The technical head's worklist has it, most overdue first, 历时 in red.
    const row = tech.page.locator('tr', { hasText: number });
    const elapsed = row.locator('.elapsed-overdue');
    await elapsed.waitFor();
    expect(await elapsed.getAttribute('data-overdue')).toBe('true');
    expect(await elapsed.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(207, 19, 34)');
    // Pointing at it says why: the threshold passed and when the step was due.
    await elapsed.hover();
    await expectText(tech.page.getByRole('tooltip'), '已超过阈值 0.001小时（应于');
    await shot(tech.page, 'worklist-overdue');
  });

  it('is dispatched with a reassigned surveyor, who hands it to a colleague', async () => {
    await as('techHead', number, async (page) => {
      await shot(page, 'detail-dispatching');
      const form = await startAction(page, '确认派工');
      await choose(page, form, '现场勘察（勘察员）', '王勘察');
      await shot(page, 'action-dispatch');
      expect(await submitAction(page, '确认派工')).toBe('现场勘察');
      await page.getByText('办理：勘察员 · 王勘察').waitFor();
    });
    await as('surveyor2', number, async (page) => {
      await page.getByRole('button', { name: '转交' }).click();
      const dialog = page.getByRole('dialog').filter({ hasText: '转交「现场勘察」' });
      await choose(page, dialog, '转交给（勘察员）', '刘洋');
      await dialog.getByLabel('说明').fill('本周在外地，请刘洋勘察');
      await dialog.getByRole('button', { name: '转交' }).click();
      await page.getByText('办理：勘察员 · 刘洋').waitFor();
    });
  });

  it('gets its survey with photos from the camera input, and its design and budget', async () => {
    await as('surveyor', number, async (page) => {
      const form = await startAction(page, '提交勘察方案');
      await upload(page, 'site_photo', [{ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: sitePhoto() }], 'camera');
      await upload(page, 'scheme_sketch', [pdfFile('sketch.pdf', '方案草图')]);
      await upload(page, 'signed_scheme', [photo('signed.jpg')]);
      await form.getByLabel('勘察方案说明').fill('从华夏路DN300主管接出DN150，水表井设于东门');
      await shot(page, 'action-survey');
      expect(await submitAction(page, '提交勘察方案')).toBe('设计预算');
    });
    await as('designer', number, async (page) => {
      const form = await startAction(page, '提交施工图和预算');
      await upload(page, 'construction_drawing', [{ name: 'plan.dwg', mimeType: 'application/octet-stream', buffer: dwg() }]);
      await upload(page, 'construction_drawing_pdf', [pdfFile('plan.pdf', '施工图')]);
      await upload(page, 'budget', [{ name: 'budget.xlsx', mimeType: 'application/octet-stream', buffer: await budgetXlsx() }]);
      await form.getByLabel('预算总额（元）').fill(String(budgetTotal()));
      expect(await submitAction(page, '提交施工图和预算')).toBe('待用户确认');
    });
  });

  it('has its budget rejected at the window, revised and confirmed', async () => {
    await as('window', number, async (page) => {
      const form = await startAction(page, '不同意预算');
      // The clerk sees what is being refused: the budget items the server read from the workbook.
      await form.getByText('球墨铸铁管').first().waitFor();
      await form.getByText('39,520.00').first().waitFor();
      await choose(page, form, '原因类别', '预算金额有异议');
      await form.getByLabel('原因', { exact: true }).fill('用户认为管材单价偏高，请重新核算');
      await shot(page, 'action-reject-budget');
      expect(await submitAction(page, '不同意预算')).toBe('设计预算');
    });
    await as('budgeter', number, async (page) => {
      const form = await startAction(page, '提交施工图和预算');
      // The drawing stays; only a new budget is required.
      await upload(page, 'budget', [{ name: 'budget-v2.xlsx', mimeType: 'application/octet-stream', buffer: await budgetXlsx(CHEAPER) }]);
      await form.getByLabel('预算总额（元）').fill(String(budgetTotal(CHEAPER)));
      expect(await submitAction(page, '提交施工图和预算')).toBe('待用户确认');
    });
    await as('window', number, async (page) => {
      const form = await startAction(page, '确认施工图和预算');
      await form.getByText('31,650.00').first().waitFor();
      expect(await submitAction(page, '确认施工图和预算')).toBe('合同起草');
    });
  });

  it('goes through the contract approval with one stage rejection', async () => {
    await as('contract', number, async (page) => {
      const form = await startAction(page, '提交合同审批');
      expect(await form.getByLabel('合同编号').inputValue()).toMatch(/^YJ-GS-\d{4}-\d+$/);
      expect(await form.getByLabel('合同金额（元）').inputValue()).toBe('31650.00');
      await form.getByLabel('合同乙方').fill('自来水有限公司');
      await shot(page, 'action-contract');
      expect(await submitAction(page, '提交合同审批')).toBe('合同审批（业务部门审核）');
    });
    await as('approver', number, async (page) => {
      expect(await simple(page, '审批通过')).toBe('合同审批（技术部门审核）');
    });
    await as('techHead', number, async (page) => {
      expect(await simple(page, '审批驳回', '管径与勘察方案不一致')).toBe('合同审批未通过');
      await page.getByRole('tab', { name: '合同信息' }).click();
      await page.locator('.contract-stages').getByText('2. 技术部门审核（技术部门负责人）· 驳回').waitFor();
    });
    await as('contract', number, async (page) => {
      expect(await simple(page, '修改合同')).toBe('合同起草');
      const form = await startAction(page, '提交合同审批');
      await form.getByLabel('合同名称').fill('珠江摩尔供水工程安装合同（修订）');
      expect(await submitAction(page, '提交合同审批')).toBe('合同审批（业务部门审核）');
    });
    const stages: [keyof WalkStaff, string][] = [
      ['approver', '合同审批（技术部门审核）'],
      ['techHead', '合同审批（预算审核）'],
      ['budgeter', '合同审批（财务审核）'],
      ['cashier', '合同审批（法务审核）'],
      ['approver', '合同审批（分管领导审批）'],
      ['leader', '合同审批（总经理审批）'],
      ['leader', '待上传签字合同'],
    ];
    for (const [who, next] of stages) {
      await as(who, number, async (page) => {
        expect(await simple(page, '审批通过')).toBe(next);
      });
    }
    await as('contract', number, async (page) => {
      await page.getByRole('tab', { name: '合同信息' }).click();
      await page.locator('.contract-stages').getByText('7. 总经理审批（领导）· 通过').waitFor();
      await simple(page, '登记业主已审批通过');
      await page.locator('.ant-tag', { hasText: '已通过' }).first().waitFor();
      await startAction(page, '上传双方签字合同');
      await upload(page, 'signed_contract', [pdfFile('contract.pdf', '签字合同')]);
      expect(await submitAction(page, '上传双方签字合同')).toBe('缴费');
    });
  });

  it('records the payment and prints the dispatch sheet (A4 PDF) before construction', async () => {
    await as('cashier', number, async (page) => {
      const form = await startAction(page, '登记已缴费');
      expect(await form.getByLabel('缴费金额（元）').inputValue()).toBe('31650.00');
      await form.getByLabel('缴费日期').fill('2026-11-25');
      await form.getByLabel('收据编号').fill('SJ-20261125-01');
      await upload(page, 'payment_receipt', [photo('receipt.jpg')], 'camera');
      expect(await submitAction(page, '登记已缴费')).toBe('派工单');
    });
    await as('techHead', number, async (page) => {
      const form = await startAction(page, '保存派工单');
      const row0 = form.getByTestId('material-0');
      await row0.getByLabel('材料名称').fill('球墨铸铁管');
      await row0.getByLabel('规格型号').fill('DN150');
      await row0.getByLabel('单位').fill('米');
      await row0.getByLabel('数量').fill('110');
      await form.getByRole('button', { name: '添加材料' }).click();
      const row1 = form.getByTestId('material-1');
      await row1.getByLabel('材料名称').fill('闸阀');
      await row1.getByLabel('单位').fill('个');
      await row1.getByLabel('数量').fill('2');
      await form.getByLabel('水表编号').fill('SB-2026-0088');
      await form.getByLabel('水表口径').fill('DN150');
      await form.getByLabel('水表型号').fill('LXLC-150');
      await form.getByLabel('初始读数（m³）').fill('0');
      await shot(page, 'action-dispatch-sheet');
      expect(await submitAction(page, '保存派工单')).toBe('派工单');

      const [print] = await Promise.all([
        page.context().waitForEvent('page'),
        page
          .getByRole('button', { name: '打印' })
          .click()
          .then(() => page.getByRole('menuitem', { name: '打印派工单' }).click()),
      ]);
      await print.getByTestId('dispatch-sheet').waitFor();
      await print.locator('.print-qr svg').waitFor();
      await shot(print, 'print-dispatch-sheet');
      const text = compact(pdfText(await print.pdf({ format: 'A4', printBackground: true })));
      for (const expected of [
        '报装工程派工单',
        number,
        '珠江摩尔置业有限公司',
        '球墨铸铁管',
        'DN150',
        '闸阀',
        'SB-2026-0088',
        'LXLC-150',
        '派工人员',
        '领料人',
      ]) {
        expect(text).toContain(compact(expected));
      }
      // The toolbar (「派工单 · 编号」 and the print button) is for the screen only.
      expect(text).not.toContain(compact(`派工单 · ${number}`));
      await print.close();

      await startAction(page, '开始施工');
      expect(await submitAction(page, '开始施工')).toBe('施工');
    });
  });

  it('is built with photo evidence and a field visa, accepted, handed over, drawn and settled', async () => {
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
      await startAction(page, '现场签证');
      await upload(page, 'visa', [photo('visa.jpg')], 'camera');
      await submitAction(page, '现场签证');
      await shot(page, 'detail-construction');
      expect(await simple(page, '施工完成，提交验收')).toBe('验收');
    });
    await as('acceptor', number, async (page) => {
      let form = await startAction(page, '提交验收');
      await form.getByLabel('验收日期').fill('2026-12-01');
      await form.getByLabel('验收信息').fill('管道试压合格，水表读数 0.00');
      await upload(page, 'acceptance_form', [photo('acceptance.jpg')], 'camera');
      await upload(page, 'acceptance_photo', [photo('site.jpg')], 'camera');
      expect(await submitAction(page, '提交验收')).toBe('移交');
      form = await startAction(page, '提交移交');
      await form.getByLabel('移交日期').fill('2026-12-02');
      await upload(page, 'handover_form', [photo('handover.jpg')]);
      expect(await submitAction(page, '提交移交')).toBe('竣工图');
    });
    await as('designer', number, async (page) => {
      // A visa happened: the as-built drawing cannot be skipped.
      await actionPanelTooltip(page, '无变更，跳过竣工图');
      await startAction(page, '上传竣工图');
      await upload(page, 'as_built_drawing', [pdfFile('asbuilt.pdf', '竣工图')]);
      expect(await submitAction(page, '上传竣工图')).toBe('竣工决算');
    });
    await as('budgeter', number, async (page) => {
      const form = await startAction(page, '提交竣工决算');
      await form.getByLabel('决算金额（元）').fill('32800');
      await upload(page, 'settlement_doc', [pdfFile('settlement.pdf', '决算书')]);
      expect(await submitAction(page, '提交竣工决算')).toBe('已完成');
      await page.getByText('32,800.00 元').first().waitFor();
      await shot(page, 'detail-completed');
      // 报装记录: who, what, when, comments, files, both clocks.
      const history = page.locator('.history');
      await history.getByText('本单位累计用时').waitFor();
      await history.getByText('意见：用户认为管材单价偏高，请重新核算').waitFor();
      await history.getByText('意见：管径与勘察方案不一致').waitFor();
      await history.getByText('转交给：刘洋').waitFor();
      expect(await history.locator('[data-action="approve_stage"]').count()).toBe(8);
      // Attachments grouped by the step that took them, photos previewed.
      await page.getByRole('tab', { name: /附件/ }).click();
      await page.locator('.attachment-group[data-group="surveying"] img').first().waitFor();
      expect(await stateLabel(page)).toBe('已完成');
    });
  });

  it('exports the filtered list to Excel', async () => {
    const { page } = await sessions.of('window');
    await openList(page);
    await page.getByLabel('搜索报装').fill(number);
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('tr', { hasText: number }).waitFor();
    await shot(page, 'list');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出数据' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^报装列表-\d{12}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.getWorksheet('报装列表');
    const rows: string[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v)))));
    expect(rows[0]?.slice(0, 7)).toEqual(['报装编号', '单位名称', '申请时间', '报装类型', '建筑面积(㎡)', '状态', '历时']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3], r[5]])).toEqual([[number, '珠江摩尔置业有限公司', '基建(施工)用水', '已完成']]);
  });
});

/** A guard the server reports (blockedBy) is shown on the button's tooltip. */
async function actionPanelTooltip(page: Page, label: string): Promise<void> {
  await page.locator('.action-panel').getByRole('button', { name: label, exact: true }).hover();
  await page.locator('.ant-tooltip').getByText('本工程发生过现场签证或设计变更，必须上传竣工图').waitFor();
  await page.mouse.move(0, 0);
  await waitForState(page, '竣工图');
  expect(await drawer(page).count()).toBe(0);
}
