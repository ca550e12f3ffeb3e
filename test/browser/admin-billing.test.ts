/**
 * Issue G6 in the staff pages: the administrator names the 立户导出 columns as the billing system
 * expects them and exports (the downloaded file carries the new header); a resident's constructor
 * records the meter (登记水表) through its form before 施工完成; the dispatch sheet's QR code
 * decodes to the application's staff page address, which asks for the login and then opens it.
 * Screenshots go to artifacts/browser/admin-desktop-billing-*.png.
 */
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import type { Browser } from 'playwright-core';
import { applicationFormSchema } from '@wc/shared';
import { createApplication } from '../../server/src/commands/applicationCreator';
import { withTransaction } from '../../server/src/db/transaction';
import type { Application } from '../../server/src/models';
import { services } from '../../server/src/services';
import { TEST_PASSWORD, enterpriseForm, residentForm } from '../../server/test/support/factories';
import { createCrew, residentAtSurvey, survey, type Crew } from '../../server/test/support/journey';
import { jpeg, sitePhoto } from '../../server/test/support/sampleFiles';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { mustUpload } from '../../server/test/support/uploads';
import { must } from '../../server/test/support/workflow';
import { actionPanel, choose, logIn, openAdminEntry, shot, startAction, submitAction, waitForState } from '../support/adminBrowser';
import { expectCount, expectText, launchBrowser, newContext } from '../support/browser';

jest.setTimeout(180_000);

let server: TestServer;
let browser: Browser;
let crew: Crew;

beforeAll(async () => {
  // The QR code holds PUBLIC_URL's address: a name of its own shows it is not the request's host.
  server = await startTestServer({ PUBLIC_URL: 'https://bz.example-water.cn' });
  browser = await launchBrowser();
  crew = await createCrew(server.url);
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

/** An application completed on a China date (as its last step would leave it), with the meter recorded. */
async function completedOn(day: string, name: string): Promise<Application> {
  const app = await withTransaction(services().sequelize, (t) =>
    createApplication(
      {
        form: applicationFormSchema.parse(residentForm({ name })),
        channel: 'window',
        actor: crew.window_clerk.auth,
        applicantUserId: null,
      },
      t,
    ),
  );
  await app.update({
    meter: { number: 'JM-0815', caliber: 'DN20', model: 'LXS-20E', initialReading: 1 },
    state: 'completed',
    completedAt: new Date(`${day}T10:00:00+08:00`),
  });
  return app;
}

describe('立户导出 (administrator)', () => {
  it('renames a column, refuses a duplicate name, and the exported CSV carries the new header', async () => {
    await completedOn('2030-05-20', '赵立户');
    const { page, close } = await logIn(browser, server.url, crew.admin);
    await openAdminEntry(page, '立户导出');
    await page.getByRole('heading', { name: '立户导出' }).waitFor();
    const preview = page.getByTestId('billing-header-preview');
    await expectText(preview, '报装编号,户名,用水地址');

    // A name the billing import already has for another column is refused on that field.
    await page.getByLabel('用水地址的列名').fill('户名');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expectText(page.getByTestId('billing-column-waterAddress'), '列名与第2列重复');

    await page.getByLabel('用水地址的列名').fill('YHDZ');
    await page.getByLabel('户名的列名').fill('YHMC');
    await page.getByLabel('导出联系人').uncheck();
    await page.getByLabel('户名上移').click();
    await expectText(preview, 'YHMC,报装编号,YHDZ,联系电话');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('立户导出设置已保存').waitFor();
    await expectCount(page.getByText('列名与第2列重复'), 0);
    await shot(page, 'billing-settings');

    await page.getByLabel('完成日期自').fill('2030-05-01');
    await page.getByLabel('完成日期至').fill('2030-05-31');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^立户导出-2030-05-01至2030-05-31-\d+\.csv$/);
    const file = readFileSync((await download.path()) ?? '');
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]?.split(',').slice(0, 4)).toEqual(['YHMC', '报装编号', 'YHDZ', '联系电话']);
    expect(lines[0]).not.toContain('联系人');
    expect(lines[1]).toMatch(/^赵立户,/);
    await close();
  });
});

describe('登记水表 (resident, constructor)', () => {
  it('records the meter through its form; 施工完成 waits for it', async () => {
    const { app } = await residentAtSurvey(server.url, crew);
    await survey(crew, app);
    await mustUpload(crew.cashier.api, app.id, 'payment_receipt', { displayName: '缴费收据', fileName: 'r.jpg', content: jpeg() });
    await must(crew.cashier.api, app.id, 'record_payment', { amount: 1850, paidOn: '2026-11-25' });
    for (const [category, action] of [
      ['entry_photo', 'entry_photos'],
      ['completion_photo', 'completion_photos'],
      ['water_on_photo', 'water_on_photos'],
    ] as const) {
      await mustUpload(crew.constructor.api, app.id, category, { displayName: category, fileName: 'p.jpg', content: sitePhoto() });
      await must(crew.constructor.api, app.id, action);
    }

    const { page, close } = await logIn(browser, server.url, crew.constructor);
    await page.goto(`${server.url}/admin/applications/${app.id}`);
    await waitForState(page, '施工');
    await actionPanel(page).getByRole('button', { name: '施工完成，提交验收' }).hover();
    await expectText(page.getByRole('tooltip'), '请先登记水表信息');

    const form = await startAction(page, '登记水表');
    await form.getByLabel('表号').fill('');
    await form.getByTestId('action-submit').click();
    await expectText(form, '请填写表号');
    await expectText(form, '请选择口径');
    await form.getByLabel('表号').fill('JM-2026-0001');
    await choose(page, form, '口径', 'DN20');
    await form.getByLabel('型号').fill('LXS-20E');
    await form.getByLabel('初始读数（m³）').fill('2.5');
    await shot(page, 'billing-meter-form');
    expect(await submitAction(page, '登记水表')).toBe('施工');
    await expectText(page.locator('.ant-descriptions'), '表号 JM-2026-0001；口径 DN20；型号 LXS-20E；初始读数 2.5');

    await startAction(page, '施工完成，提交验收');
    expect(await submitAction(page, '施工完成，提交验收')).toBe('验收');
    await close();
  });
});

describe('派工单 QR code', () => {
  it('decodes to the staff page address of the application, which opens it after the login', async () => {
    const created = await withTransaction(services().sequelize, (t) =>
      createApplication(
        {
          form: applicationFormSchema.parse(enterpriseForm({ name: '珠江摩尔置业' })),
          channel: 'window',
          actor: crew.window_clerk.auth,
          applicantUserId: null,
        },
        t,
      ),
    );
    await created.update({
      dispatchSheet: {
        materials: [{ name: '球墨铸铁管', spec: 'DN150', unit: '米', quantity: 120 }],
        meter: { number: 'SB-2026-0088', caliber: 'DN150', model: 'LXLC-150', initialReading: 0 },
      },
    });

    const { page, close } = await logIn(browser, server.url, crew.tech_head);
    await page.goto(`${server.url}/admin/print/${created.id}/dispatchSheet`);
    const qr = page.getByTestId('dispatch-sheet-qr').locator('svg');
    await qr.waitFor();
    await expectText(page.getByTestId('dispatch-sheet'), '初始读数');
    // The printed code as a scanner sees it: the SVG drawn on a white canvas, four times its size.
    const image = await qr.evaluate(async (svg) => {
      const size = 384;
      const source = new XMLSerializer().serializeToString(svg);
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const ctx = canvas.getContext('2d');
      if (!ctx) {
        throw new Error('no canvas');
      }
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, size, size);
      ctx.drawImage(img, 32, 32, size - 64, size - 64);
      return { width: size, height: size, data: Array.from(ctx.getImageData(0, 0, size, size).data) };
    });
    const decoded = jsQR(Uint8ClampedArray.from(image.data), image.width, image.height);
    expect(decoded?.data).toBe(`https://bz.example-water.cn/admin/applications/${created.id}`);
    await close();

    // A phone that is not logged in: the login page first, then the application.
    const phone = await newContext(browser, 'phone');
    const scan = await phone.newPage();
    await scan.goto(`${server.url}${new URL(decoded?.data ?? '').pathname}`);
    await scan.waitForURL(/\/admin\/login\?redirect=/);
    await scan.locator('#login-username').fill(crew.tech_head.user.username);
    await scan.locator('#login-password').fill(TEST_PASSWORD);
    await scan.getByRole('button', { name: '登录' }).click();
    await scan.waitForURL(new RegExp(`/admin/applications/${created.id}$`));
    await scan.getByRole('heading', { name: new RegExp(created.number) }).waitFor();
    await shot(scan, 'billing-qr-landing', 'phone');
    await phone.close();
  });
});
