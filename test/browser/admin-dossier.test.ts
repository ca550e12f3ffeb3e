import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { createCrew, design, onlineEnterpriseAtSurvey, survey, type Crew } from '../../server/test/support/journey';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import type { AppView } from '../../server/test/support/workflow';
import { logIn, openApplication, openList, shot } from '../support/adminBrowser';
import { launchBrowser } from '../support/browser';

jest.setTimeout(180_000);

let server: TestServer;
let browser: Browser;
let crew: Crew;
let app: AppView;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  crew = await createCrew(server.url);
  const dispatched = await onlineEnterpriseAtSurvey(server.url, crew);
  // 施工图和预算 submitted: the customer is asked to confirm (确认施工图设计书 in the manual's list).
  ({ app } = await design(crew, await survey(crew, dispatched.app)));
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

/** Saves the zip a click downloads and checks it is the application's dossier. */
async function expectDossier(page: Page, click: () => Promise<void>): Promise<void> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  expect(download.suggestedFilename()).toBe(`${app.number}.zip`);
  const zip = await readFile(await download.path());
  expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  // The first entry's name, in UTF-8 in its local header.
  expect(zip.includes(Buffer.from(`${app.number}-报装资料汇总.pdf`, 'utf8'))).toBe(true);
}

describe('导出资料 and 打印施工图设计书 on the staff page', () => {
  it('downloads the dossier from the list’s 信息 column and the detail page, and offers the design print in 操作', async () => {
    const { page, close } = await logIn(browser, server.url, crew.window_clerk);
    await openList(page);
    await page.getByLabel('搜索报装').fill(app.number);
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.locator(`tr[data-number="${app.number}"]`);
    await row.waitFor();

    // 操作: the print-out the server lists for this viewer, opening the print page in a new tab.
    const print = row.getByRole('link', { name: '打印施工图设计书' });
    expect(await print.getAttribute('href')).toBe(`/admin/print/${app.id}/design`);
    await shot(page, 'list-dossier');

    // 信息: 导出资料 saves `<报装编号>.zip`.
    await expectDossier(page, () => row.getByRole('button', { name: '导出资料' }).click());

    // The detail page has it next to 打印.
    await openApplication(page, app.number);
    await expectDossier(page, () => page.locator('.detail-header').getByRole('button', { name: '导出资料' }).click());
    await close();
  });
});
