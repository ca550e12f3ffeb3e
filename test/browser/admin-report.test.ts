/**
 * 获得用水 in the staff pages: a leader opens the report from the menu and sees each group's figures
 * green or red against the targets, opens the applications behind a red figure and one of them,
 * exports the report to Excel (the file is read back) and opens the printable page; on a phone the
 * page stays readable without sideways scrolling. Screenshots go to artifacts/browser/admin-*-report-*.png.
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { applicationFormSchema } from '@wc/shared';
import type { Application } from '../../server/src/models';
import { createCrew, type Crew } from '../../server/test/support/journey';
import { residentForm } from '../../server/test/support/factories';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { mustUpload } from '../../server/test/support/uploads';
import { jpeg } from '../../server/test/support/sampleFiles';
import { createAt, at, walkFromSurvey } from '../../server/test/report/walk';
import { logIn, overflowsX, shot } from '../support/adminBrowser';
import { expectText, launchBrowser } from '../support/browser';

jest.setTimeout(240_000);

let server: TestServer;
let browser: Browser;
let crew: Crew;
let app: Application;

// Completed this month: inside the report's default window (this month and the five before it).
const now = new Date();
const chinaToday = new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
const month = chinaToday.slice(0, 7);
const GROUP = `${month}|resident|permanent|window|standard`;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  crew = await createCrew(server.url);
  // Today from 00:10 (China) to now-ish: the walk needs instants in the past, in this month.
  const day = `${month}-01`;
  app = await createAt(
    applicationFormSchema.parse(residentForm({ name: '李四' })),
    'window',
    crew.window_clerk.auth,
    at(`${day}T00:10:00`),
  );
  await mustUpload(crew.window_clerk.api, app.id, 'id_card', { displayName: '身份证', fileName: 'id.jpg', content: jpeg() });
  await walkFromSurvey(
    crew,
    app,
    {
      survey: `${day}T00:20:00`,
      paid: `${day}T00:30:00`,
      built: `${day}T00:40:00`,
      accepted: `${day}T00:50:00`,
      handed: `${day}T01:00:00`,
    },
    1850,
  );
  // Tight targets for residents on the standard route: 3 steps (it took 4) turns 环节数 red; time stays green.
  const targets = await crew.admin.api.put('/api/report/targets', {
    targets: [
      {
        kind: 'resident',
        route: 'standard',
        maxSteps: 3,
        maxWorkdays: 4,
        maxUtilityWorkdays: 3,
        maxCost: null,
        maxDocuments: 2,
        maxVisits: 1,
      },
    ],
  });
  expect(targets.status).toBe(200);
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

async function openReport(page: Page): Promise<void> {
  const menuButton = page.getByRole('button', { name: '打开菜单' });
  if (await menuButton.isVisible()) {
    await menuButton.click();
  }
  await page.getByRole('menuitem', { name: '获得用水' }).click();
  await page.getByRole('heading', { name: '获得用水' }).waitFor();
}

describe('获得用水 (PC)', () => {
  it('shows figures green/red, opens the applications behind one, exports Excel and prints', async () => {
    const { page, context, close } = await logIn(browser, server.url, crew.leader);
    await openReport(page);
    const steps = page.getByTestId(`figure-${GROUP}-steps`);
    await expectText(steps, '未达标');
    expect(await steps.getAttribute('data-state')).toBe('unmet');
    await expectText(steps, '目标≤3');
    const workdays = page.getByTestId(`figure-${GROUP}-workdays`);
    expect(await workdays.getAttribute('data-state')).toBe('met');
    await expectText(workdays, '达标');
    await shot(page, 'report-01-groups');

    // The red figure opens the applications behind it; one opens its detail page.
    await steps.click();
    const drawer = page.getByTestId('report-rows');
    await expectText(drawer, '超出目标');
    await expectText(drawer, '李四');
    await shot(page, 'report-02-rows');
    await drawer.getByRole('link', { name: app.number }).click();
    await page.getByRole('heading', { name: new RegExp(app.number) }).waitFor();

    // 导出Excel: the file is the report, read back with the library the server writes it with.
    await openReport(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^获得用水_.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const sheet = book.getWorksheet('获得用水')!;
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe(`${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`);
    expect(row.getCell(7).value).toBe(4);
    expect(row.getCell(22).value).toBe('环节数');

    // 打印: a printable page in a new tab, with the same verdicts in words.
    const [printPage] = await Promise.all([context.waitForEvent('page'), page.getByTestId('report-print').click()]);
    const printed = printPage.getByTestId('print-report');
    await expectText(printed, '获得用水报表');
    await expectText(printed, '未达标');
    await expectText(printed, '居民 · 永久性用水 · 窗口受理 · 标准流程');
    await shot(printPage, 'report-03-print');
    await close();
  });
});

describe('获得用水 (phone)', () => {
  it('is readable at 390×844 without sideways scrolling', async () => {
    const { page, close } = await logIn(browser, server.url, crew.leader, 'phone');
    await openReport(page);
    await expectText(page.getByTestId(`figure-${GROUP}-steps`), '未达标');
    expect(await overflowsX(page)).toBe(false);
    await page.getByTestId(`figure-${GROUP}-steps`).click();
    await expectText(page.getByTestId('report-rows'), app.number);
    expect(await overflowsX(page)).toBe(false);
    await shot(page, 'report-04-rows', 'phone');
    await close();
  });
});
