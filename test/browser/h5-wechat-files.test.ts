/**
 * Files inside WeChat's Android browser (the official account's menu opens the H5 pages there).
 * That browser neither downloads files nor shows PDFs: tapping a PDF must show its pages in the
 * page (pdf.js), a photo must show in the page, the budget stays a table, and the original stays
 * reachable through a 下载原文件 link. Chromium with WeChat's Android user agent and a phone
 * viewport, against the real server; the files are real (a two-page PDF and a JPEG printed by
 * Chromium itself). Screenshots go to artifacts/browser/h5-wechat-*.png.
 */
import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Crew, createCrew, onlineEnterpriseAtSurvey } from '../../server/test/support/journey';
import type { TestUser } from '../../server/test/support/factories';
import { budgetTotal, budgetXlsx, dwg, sitePhoto } from '../../server/test/support/sampleFiles';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { mustUpload } from '../../server/test/support/uploads';
import { must, type AppView } from '../../server/test/support/workflow';
import { expectCount, expectText, launchBrowser, screenshot, storeH5Session } from '../support/browser';

jest.setTimeout(180_000);

/** WeChat 8.0.47 on Android 13 (XWEB, Chrome 116), as its built-in browser announces itself. */
const WECHAT_ANDROID_UA =
  'Mozilla/5.0 (Linux; Android 13; V2183A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 ' +
  'Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) ' +
  'WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let crew: Crew;
let applicant: TestUser;
let app: AppView;
const downloads: string[] = [];
const files: Record<'schemePdf' | 'sketch' | 'drawingPdf' | 'budget', Buffer> = {
  schemePdf: Buffer.alloc(0),
  sketch: Buffer.alloc(0),
  drawingPdf: Buffer.alloc(0),
  budget: Buffer.alloc(0),
};
const ids = { schemePdf: 0, sketch: 0, drawingPdf: 0, budget: 0 };

/** A two-page A4 document printed by Chromium, like a scanned scheme or a drawing exported to PDF. */
async function printedPdf(title: string): Promise<Buffer> {
  const printer = await browser.newPage();
  await printer.setContent(
    `<style>section{height:250mm;page-break-after:always;font:28px "WenQuanYi Micro Hei",sans-serif}
       .box{margin-top:20mm;height:120mm;border:6px solid #1f4e9c;background:#dbe7fb}</style>
     <section><h1>${title}</h1><p>第一页：接水点位于东门内侧</p><div class="box"></div></section>
     <section><h1>${title}</h1><p>第二页：水表井 1.2m×1.0m</p><div class="box"></div></section>`,
  );
  const pdf = await printer.pdf({ format: 'A4', printBackground: true });
  await printer.close();
  return pdf;
}

/** A 1200×900 photo (JPEG) of a coloured sketch, as a phone camera would upload it. */
async function photoJpeg(): Promise<Buffer> {
  const camera = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await camera.setContent(
    '<body style="margin:0;background:#f3efe4"><div style="margin:120px;height:660px;border:12px solid #c0392b;background:#f9d6a5"></div></body>',
  );
  const jpeg = await camera.screenshot({ type: 'jpeg', quality: 80 });
  await camera.close();
  return jpeg;
}

beforeAll(async () => {
  server = await startTestServer();
  [browser, crew] = await Promise.all([launchBrowser(), createCrew(server.url)]);
  ({ applicant, app } = await onlineEnterpriseAtSurvey(server.url, crew));
  [files.schemePdf, files.drawingPdf, files.sketch, files.budget] = await Promise.all([
    printedPdf('用户签字方案'),
    printedPdf('给水施工图'),
    photoJpeg(),
    budgetXlsx(),
  ]);

  // Survey and design through the API, as the staff pages would do them.
  await mustUpload(crew.surveyor.api, app.id, 'site_photo', { displayName: '东门现场照片', fileName: 'site.jpg', content: sitePhoto() });
  ids.sketch = (
    await mustUpload(crew.surveyor.api, app.id, 'scheme_sketch', {
      displayName: '接水方案草图',
      fileName: 'sketch.jpg',
      content: files.sketch,
    })
  ).id;
  ids.schemePdf = (
    await mustUpload(crew.surveyor.api, app.id, 'signed_scheme', {
      displayName: '用户签字方案',
      fileName: 'signed.pdf',
      content: files.schemePdf,
    })
  ).id;
  await must(crew.surveyor.api, app.id, 'submit_survey', { summary: 'DN150 接入市政管网，水表井设于东门内侧' });
  await mustUpload(crew.designer.api, app.id, 'construction_drawing', {
    displayName: '给水施工图',
    fileName: 'drawing.dwg',
    content: dwg(),
  });
  ids.drawingPdf = (
    await mustUpload(crew.designer.api, app.id, 'construction_drawing_pdf', {
      displayName: '给水施工图PDF',
      fileName: 'drawing.pdf',
      content: files.drawingPdf,
    })
  ).id;
  ids.budget = (
    await mustUpload(crew.budgeter.api, app.id, 'budget', { displayName: '给水工程预算书', fileName: 'budget.xlsx', content: files.budget })
  ).id;
  app = await must(crew.budgeter.api, app.id, 'submit_design', { budgetTotal: budgetTotal() });
  expect(app.state).toBe('confirming');

  context = await browser.newContext({
    userAgent: WECHAT_ANDROID_UA,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  const me = await applicant.api.get<{ data: unknown }>('/api/auth/me');
  await storeH5Session(context, { token: applicant.token, user: me.body.data });
  page = await context.newPage();
  page.on('download', (download) => downloads.push(download.suggestedFilename()));
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const h5 = (path: string) => `${server.url}/h5/${path}`;
const shown = (selector: string, hasText?: string) => page.locator(selector, hasText ? { hasText } : undefined).filter({ visible: true });
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** How many pixels of the canvas are clearly not white: a rendered page has text and drawing. */
function inkedPixelsNow(canvasIndex: number): Promise<number> {
  return shown('.pdf-viewer canvas')
    .nth(canvasIndex)
    .evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height) ?? { data: [] };
      let inked = 0;
      for (let i = 0; i < data.length; i += 4) {
        if ((data[i] ?? 255) < 200 || (data[i + 1] ?? 255) < 200 || (data[i + 2] ?? 255) < 200) {
          inked++;
        }
      }
      return inked;
    });
}

/** Waits until the canvas shows a rendered page (more than `least` inked pixels); returns the count seen last. */
async function inkedPixels(canvasIndex: number, least = 1000, timeout = 30_000): Promise<number> {
  const deadline = Date.now() + timeout;
  let inked = await inkedPixelsNow(canvasIndex);
  while (inked <= least && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    inked = await inkedPixelsNow(canvasIndex);
  }
  return inked;
}

/** The 下载原文件 link leads to the very bytes that were uploaded (fetched with the page's cookies, no token). */
async function expectOriginalLink(id: number, original: Buffer): Promise<void> {
  const link = shown('a.file-viewer__original', '下载原文件');
  await expectCount(link, 1);
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(new RegExp(`/api/attachments/${id}/download\\?`));
  const res = await page.request.get(new URL(href, server.url).toString());
  expect(res.status()).toBe(200);
  expect(sha256(await res.body())).toBe(sha256(original));
}

it('shows the pages of a PDF inside the page when it is tapped in the document list', async () => {
  await page.goto(h5(`pages/progress/detail/index?id=${app.id}`));
  const item = shown('.documents__item', '用户签字方案');
  await item.getByText('查看').click();
  await page.waitForURL(/pages\/progress\/document\/index/);

  const viewer = shown('.pdf-viewer');
  await expectText(viewer, '共 2 页', { timeout: 30_000 });
  await expectText(viewer, '第 1 页');
  await expectCount(shown('.pdf-viewer canvas'), 2, 30_000);
  // Drawn at the width of the phone, not a thumbnail.
  const box = await shown('.pdf-viewer canvas').first().boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(300);
  expect(await inkedPixels(0)).toBeGreaterThan(1000);
  expect(await inkedPixels(1)).toBeGreaterThan(1000);
  await expectOriginalLink(ids.schemePdf, files.schemePdf);
  await screenshot(page, 'h5-wechat-01-pdf');
  expect(downloads).toEqual([]);
});

it('shows a photo in the page, full width, when 下载 is tapped in WeChat', async () => {
  await page.goto(h5(`pages/progress/detail/index?id=${app.id}`));
  const item = shown('.documents__item', '接水方案草图');
  await item.getByText('下载').click();
  await page.waitForURL(/pages\/progress\/document\/index/);

  const img = shown('.document-page img');
  await expectCount(img, 1);
  expect(await img.getAttribute('src')).toMatch(new RegExp(`/api/attachments/${ids.sketch}/`));
  await page.waitForFunction(() => {
    const el = Array.from(document.querySelectorAll<HTMLImageElement>('.document-page img')).find((i) => i.offsetParent !== null);
    return el?.complete && el.naturalWidth === 1200;
  });
  const box = await img.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(320);
  await expectOriginalLink(ids.sketch, files.sketch);
  await screenshot(page, 'h5-wechat-02-photo');
  expect(downloads).toEqual([]);
});

it('opens the drawing PDF from the confirm page inside the page, and shows the budget as a table', async () => {
  await page.goto(h5(`pages/progress/confirm/index?id=${app.id}`));
  await expectText(shown('.budget-total'), '¥39,520.00', { exact: true });
  const pagesBefore = context.pages().length;
  await shown('.confirm-page__file', '给水施工图PDF').getByText('查看').click();
  await page.waitForURL(/pages\/progress\/document\/index/);
  // No second window: WeChat's browser has no tabs, and a PDF opened in one shows nothing on Android.
  expect(context.pages().length).toBe(pagesBefore);
  await expectText(shown('.pdf-viewer'), '共 2 页', { timeout: 30_000 });
  await expectOriginalLink(ids.drawingPdf, files.drawingPdf);

  // 下载原件 of the budget: the table, with the original behind 下载原文件.
  await page.goto(h5(`pages/progress/confirm/index?id=${app.id}`));
  await shown('.link', '下载原件').click();
  await page.waitForURL(/pages\/progress\/document\/index/);
  await expectText(shown('.budget-table'), '球墨铸铁管');
  await expectOriginalLink(ids.budget, files.budget);
  await screenshot(page, 'h5-wechat-03-budget');
  expect(downloads).toEqual([]);
});
