/**
 * Photos of papers from a phone camera in the H5 pages (what the official account's menu opens): the
 * applicant picks an 8 MB camera photo of the 营业执照; the page shrinks it on the phone to the
 * configured long side before upload, says by how much, and the stored file keeps the capture time
 * and GPS the server reads as evidence. Screenshots go to artifacts/browser/h5-photo-resize-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import exifr from 'exifr';
import { jpegSize } from '../../shared/src/photos/jpegExif';
import { createApplicant, createStaff, creditCode, unique, type TestUser } from '../../server/test/support/factories';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { renderCameraJpeg, withCameraExif } from '../fixtures/cameraPhoto';
import { expectText, launchBrowser, newContext, screenshot, storeH5Session } from '../support/browser';

jest.setTimeout(240_000);

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let applicant: TestUser;
let reviewer: TestUser;
/** A 4000×3000 camera photo taken with the phone held upright (Orientation 6), as a phone writes it. */
let photo: Buffer;

const EXIF = {
  takenAt: '2026:11:20 09:30:00',
  lat: [23, 7, 30] as [number, number, number],
  lng: [113, 19, 30] as [number, number, number],
  orientation: 6,
};

beforeAll(async () => {
  server = await startTestServer({ PHOTO_MAX_SIDE: '2048', PHOTO_JPEG_QUALITY: '0.85' });
  [browser, applicant, reviewer] = await Promise.all([
    launchBrowser(),
    createApplicant(server.url, 'enterprise'),
    createStaff(server.url, ['reviewer'], '李审核'),
  ]);
  const canvas = await browser.newPage();
  photo = withCameraExif(await renderCameraJpeg(canvas, { width: 4000, height: 3000, seed: 7, quality: 0.97, noise: 56 }), EXIF);
  await canvas.close();
  context = await newContext(browser, 'phone');
  const me = await applicant.api.get<{ data: unknown }>('/api/auth/me');
  await storeH5Session(context, { token: applicant.token, user: me.body.data });
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const shown = (selector: string, hasText?: string) => page.locator(selector, hasText ? { hasText } : undefined).filter({ visible: true });
const input = (name: string) => shown(`input[name="${name}"]`);

interface StoredFile {
  category: string;
  size: number;
  takenAt: string | null;
  gps: { lat: number; lng: number } | null;
  downloadUrl: string;
}

it('shrinks a camera photo on the phone before upload and keeps 拍摄时间 and GPS', async () => {
  expect(photo.length).toBeGreaterThan(7.5 * 1024 * 1024);
  await page.goto(`${server.url}/h5/pages/apply/index`);
  await shown('.apply-page').waitFor();
  const name = unique('珠江摩尔');
  await input('name').fill(name);
  await input('creditCode').fill(creditCode());
  await input('contactName').fill('陈经理');
  await input('contactPhone').fill('13912345678');
  await input('address').fill('广州市天河区华夏路10号');
  await input('waterAddress').fill('广州市天河区华夏路10号工地');
  await shown('.chip', '基建(施工)用水').click();
  await input('buildingArea').fill('2200');

  const slot = shown('[data-material="business_licence"]');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), slot.getByText('拍照/相册').click()]);
  await chooser.setFiles({ name: 'IMG_20261120_093000.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expectText(slot, 'IMG_20261120_093000.jpg', { timeout: 60_000 });
  // What the applicant sees: the photo, and how much smaller it goes up.
  await expectText(slot.locator('.materials__shrunk'), `已压缩 ${(photo.length / 1024 / 1024).toFixed(1)} MB →`);
  await screenshot(page, 'h5-photo-resize-01-picked');

  await shown('.action-bar').getByText('提交申请').click();
  await expectText(shown('.apply-result'), '申请已提交', { timeout: 60_000 });

  const list = await applicant.api.get<{ data: { id: number }[] }>('/api/applications');
  const appId = list.body.data[0]?.id ?? 0;
  const files = await reviewer.api.get<{ data: StoredFile[] }>(`/api/applications/${appId}/attachments`);
  const stored = files.body.data.filter((f) => f.category === 'business_licence');
  expect(stored).toHaveLength(1);
  const [licence] = stored as [StoredFile];
  expect(licence.size).toBeLessThan(photo.length / 4);
  // The evidence the server read from the shrunk file: camera local time (China) and position.
  expect(licence.takenAt).toBe('2026-11-20T01:30:00.000Z');
  expect(licence.gps?.lat).toBeCloseTo(23.125, 4);
  expect(licence.gps?.lng).toBeCloseTo(113.325, 4);
  // Upright, long side 2048; the copied EXIF no longer asks viewers to turn it again.
  const bytes = Buffer.from(await (await fetch(`${server.url}${licence.downloadUrl}`)).arrayBuffer());
  expect(jpegSize(new Uint8Array(bytes))).toEqual({ width: 1536, height: 2048 });
  const tags = (await exifr.parse(bytes, { reviveValues: false, translateValues: false })) as { Orientation?: number };
  expect(tags.Orientation).toBe(1);
});
