/**
 * Site photos from a phone (390×844) on a mobile network, in the staff page: a camera photo is
 * shrunk on the phone to the configured long side and keeps its capture time and GPS (shown on the
 * detail page, read by the server from the stored file), turned upright; an upload whose answer
 * was lost is sent again with 重试 and stored once; three photos go up at the same time, each with
 * its progress. Screenshots: artifacts/browser/admin-phone-upload-*.png.
 */
import exifr from 'exifr';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { createCrew, enterpriseAtSurvey, type Crew } from '../../server/test/support/journey';
import { jpegSize } from '../../shared/src/photos/jpegExif';
import { renderCameraJpeg, withCameraExif } from '../fixtures/cameraPhoto';
import { drawer, logIn, openApplication, shot, startAction, type Session } from '../support/adminBrowser';
import { expectCount, expectText, launchBrowser } from '../support/browser';

jest.setTimeout(300_000);

let server: TestServer;
let browser: Browser;
let crew: Crew;
/** Camera photos: 3000×2250 pixels as the sensor stores them, taken with the phone held upright (Orientation 6). */
let photos: Buffer[];

const EXIF = {
  takenAt: '2026:11:20 09:30:00',
  lat: [23, 7, 30] as [number, number, number],
  lng: [113, 19, 30] as [number, number, number],
};

beforeAll(async () => {
  server = await startTestServer({ PHOTO_MAX_SIDE: '2048', PHOTO_JPEG_QUALITY: '0.85' });
  browser = await launchBrowser();
  crew = await createCrew(server.url);
  const canvas = await browser.newPage();
  photos = [];
  for (const seed of [1, 2, 3]) {
    const pixels = await renderCameraJpeg(canvas, { width: 3000, height: 2250, seed, quality: 0.95 });
    photos.push(withCameraExif(pixels, { ...EXIF, orientation: 6 }));
  }
  await canvas.close();
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

interface StoredFile {
  id: number;
  category: string;
  displayName: string;
  size: number;
  takenAt: string | null;
  gps: { lat: number; lng: number } | null;
  downloadUrl: string;
}

async function sitePhotos(appId: number): Promise<StoredFile[]> {
  const list = await crew.surveyor.api.get<{ data: StoredFile[] }>(`/api/applications/${appId}/attachments`);
  return list.body.data.filter((f) => f.category === 'site_photo');
}

/** The survey form of a fresh application, open on the surveyor's phone. */
async function surveyForm(): Promise<{ session: Session; page: Page; appId: number; number: string }> {
  const app = await enterpriseAtSurvey(crew);
  const session = await logIn(browser, server.url, crew.surveyor, 'phone');
  await openApplication(session.page, app.number);
  await startAction(session.page, '提交勘察方案');
  return { session, page: session.page, appId: app.id, number: app.number };
}

const photoFile = (i: number) => ({ name: `IMG_20261120_09300${i}.jpg`, mimeType: 'image/jpeg', buffer: photos[i] ?? Buffer.alloc(0) });

describe('site photos from a phone', () => {
  it('are shrunk on the phone, upright, and keep 拍摄时间 and GPS, shown on the detail page', async () => {
    const { session, page, appId } = await surveyForm();
    const slot = drawer(page).locator('.upload-slot[data-category="site_photo"]');
    await page.locator('[data-testid="camera-site_photo"]').setInputFiles(photoFile(0));
    // Shown while it goes up and kept beside the uploaded file after (a fast upload ends its progress
    // line at once); decoding an 8 MB camera JPEG takes seconds on a cold machine.
    await expectText(slot.locator('.upload-item-size'), /已压缩 \d+\.\d MB → 0\.\d MB/, { timeout: 30_000 });
    await shot(page, 'upload-shrunk', 'phone');
    await expectCount(slot.locator('.upload-done'), 1, 30_000);

    const [stored] = await sitePhotos(appId);
    if (!stored) {
      throw new Error('no photo stored');
    }
    expect(stored.size).toBeLessThan((photos[0]?.length ?? 0) / 4);
    expect(stored.takenAt).toBe('2026-11-20T01:30:00.000Z');
    expect(stored.gps?.lat).toBeCloseTo(23.125, 4);
    expect(stored.gps?.lng).toBeCloseTo(113.325, 4);
    // The stored file itself: 2048 px on the long side, pixels upright (portrait), Orientation 1.
    const bytes = Buffer.from(await (await fetch(`${server.url}${stored.downloadUrl}`)).arrayBuffer());
    expect(jpegSize(new Uint8Array(bytes))).toEqual({ width: 1536, height: 2048 });
    const tags = (await exifr.parse(bytes, { gps: true, reviveValues: false, translateValues: false })) as { Orientation: number };
    expect(tags.Orientation).toBe(1);

    // On the detail page (附件): when and where it was taken.
    await page.keyboard.press('Escape');
    await drawer(page).waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: /附件/ }).click();
    const card = page.locator('.attachment-photo').first();
    await expectText(card, '拍摄 2026-11-20 09:30');
    await expectText(card, '地点 北纬 23.12500° 东经 113.32500°');
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'upload-evidence', 'phone');
    await session.close();
  });

  it('sent again with 重试 after the answer was lost are stored once', async () => {
    const { session, page, appId } = await surveyForm();
    const slot = drawer(page).locator('.upload-slot[data-category="site_photo"]');
    // The file reaches the server, then the phone loses the connection before the answer arrives.
    let lost = false;
    await page.route('**/api/applications/*/attachments', async (route) => {
      if (!lost && route.request().method() === 'POST') {
        lost = true;
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await page.locator('[data-testid="camera-site_photo"]').setInputFiles(photoFile(1));
    await slot.getByText('上传失败：上传中断，请检查网络后重试').waitFor({ timeout: 30_000 });
    expect(await sitePhotos(appId)).toHaveLength(1);
    await shot(page, 'upload-lost-answer', 'phone');

    await page.unroute('**/api/applications/*/attachments');
    const replay = page.waitForResponse((r) => r.url().includes('/attachments') && r.request().method() === 'POST');
    await slot.getByRole('button', { name: '重试' }).click();
    expect((await replay).headers()['idempotent-replayed']).toBe('true');
    await expectCount(slot.locator('.upload-done'), 1, 30_000);
    await expectCount(slot.getByText('上传失败'), 0);
    expect(await sitePhotos(appId)).toHaveLength(1);
    await session.close();
  });

  it('go up three at a time, each with its progress, on a slow uplink', async () => {
    const { session, page, appId } = await surveyForm();
    const slot = drawer(page).locator('.upload-slot[data-category="site_photo"]');
    // A weak 4G cell: 1 Mbit/s up, so that the three shrunk photos are on their way together.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 60,
      downloadThroughput: (10 * 1024 * 1024) / 8,
      uploadThroughput: (1 * 1024 * 1024) / 8,
    });
    let inFlight = 0;
    let mostInFlight = 0;
    const isUpload = (r: { url(): string; method(): string }) => r.method() === 'POST' && r.url().endsWith('/attachments');
    page.on('request', (r) => {
      if (isUpload(r)) {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
      }
    });
    const done = (r: { url(): string; method(): string }) => {
      if (isUpload(r)) {
        inFlight -= 1;
      }
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);

    await page.locator('[data-testid="file-site_photo"]').setInputFiles([0, 1, 2].map(photoFile));
    // Several bars moving at once, each between 0 and 100 %.
    let mostMoving = 0;
    let pictured = false;
    const deadline = Date.now() + 120_000;
    while ((await slot.locator('.upload-done').count()) < 3 && Date.now() < deadline) {
      const percents = await slot
        .locator('.upload-progress .ant-progress')
        .evaluateAll((bars) =>
          bars.map((bar) =>
            Number(bar.getAttribute('aria-valuenow') ?? bar.querySelector('[aria-valuenow]')?.getAttribute('aria-valuenow') ?? 0),
          ),
        );
      const moving = percents.filter((p) => p > 0 && p < 100).length;
      mostMoving = Math.max(mostMoving, moving);
      if (moving >= 2 && !pictured) {
        pictured = true;
        await shot(page, 'upload-parallel', 'phone');
      }
      await page.waitForTimeout(150);
    }
    await expectCount(slot.locator('.upload-done'), 3, 5_000);
    expect(mostInFlight).toBe(3);
    expect(mostMoving).toBeGreaterThanOrEqual(2);
    const stored = await sitePhotos(appId);
    expect(stored).toHaveLength(3);
    expect(stored.every((f) => f.takenAt === '2026-11-20T01:30:00.000Z' && f.gps !== null)).toBe(true);
    await session.close();
  });
});
