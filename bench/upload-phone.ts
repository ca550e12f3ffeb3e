/**
 * `npm run bench:upload-phone` — a builder's phone sends three site photos on 4G ([G5]):
 * three 12-megapixel camera JPEGs of ≈ 8 MB with EXIF (capture time, GPS, Orientation) chosen in
 * the survey form of the staff page, Debian's Chromium at 390×844, network emulated through CDP
 * (upload 5 Mbit/s, download 20 Mbit/s, 60 ms latency; `CPU=4` also slows the CPU 4×). Timed from
 * the file choice to all three stored (the server's 201), once uploading the originals (the client
 * is told a long side of 8192 px, so it sends the files as they are) and once shrunk as configured.
 * Budget: shrunk ≤ 25 % of original, and every stored shrunk photo still has 拍摄时间 and GPS.
 * Ends with `RESULT upload_original_ms=… upload_resized_ms=… ratio=… exif_kept=3/3`; exits 1 over
 * budget.
 *
 *   npm run bench:upload-phone           RUNS=3 CPU=4 npm run bench:upload-phone
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createCrew, enterpriseAtSurvey, type Crew } from '../server/test/support/journey';
import { renderCameraJpeg, withCameraExif } from '../test/fixtures/cameraPhoto';
import { TEST_PASSWORD } from '../server/test/support/factories';
import { startAction } from '../test/support/adminBrowser';
import { newContext } from '../test/support/browser';
import { openBenchSite, post } from './browser';

const RUNS = Number(process.env.RUNS ?? 1);
const CPU = Number(process.env.CPU ?? 1);
const RATIO_BUDGET = 0.25;
const MBIT = 1_000_000 / 8;
const EXIF = {
  takenAt: '2026:11:20 09:30:00',
  lat: [23, 7, 30] as [number, number, number],
  lng: [113, 19, 30] as [number, number, number],
};

interface Stored {
  category: string;
  size: number;
  takenAt: string | null;
  gps: { lat: number; lng: number } | null;
}

/** Three camera photos of ≈ 8 MB, as files: two held upright (Orientation 6), one sideways. */
async function cameraPhotos(browser: Browser, dir: string): Promise<string[]> {
  const page = await browser.newPage();
  const photos: string[] = [];
  for (const [seed, orientation] of [
    [1, 6],
    [2, 1],
    [3, 6],
  ] as const) {
    const pixels = await renderCameraJpeg(page, { width: 4032, height: 3024, seed, quality: 0.98, noise: 48 });
    const file = path.join(dir, `IMG_20261120_09300${seed}.jpg`);
    writeFileSync(file, withCameraExif(pixels, { ...EXIF, orientation }));
    photos.push(file);
  }
  await page.close();
  return photos;
}

/** In the page: the moment the files are chosen, and the moment the third is stored. */
const WATCH = `(() => {
  const w = window;
  w.__chosen = 0;
  w.__stored = 0;
  document.querySelector('[data-testid="file-site_photo"]').addEventListener('change', () => { w.__chosen = performance.now(); }, { capture: true });
  const observer = new MutationObserver(() => {
    if (!w.__stored && document.querySelectorAll('.upload-slot[data-category="site_photo"] .upload-done').length >= 3) {
      w.__stored = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
})()`;

/** One run: a fresh application, the survey form on a throttled phone, three photos chosen at once. */
async function run(
  browser: Browser,
  base: string,
  crew: Crew,
  photos: string[],
  original: boolean,
): Promise<{ ms: number; stored: Stored[] }> {
  const app = await enterpriseAtSurvey(crew);
  // Logged in as the staff page keeps a login (its localStorage), straight onto the application.
  const login = await post<{ data: { token: string; expiresAt: string; user: unknown } }>(base, '/api/auth/login', {
    username: crew.surveyor.user.username,
    password: TEST_PASSWORD,
  });
  const context = await newContext(browser, 'phone');
  await context.addInitScript((s) => window.localStorage.setItem('wc.admin.session', JSON.stringify(s)), {
    token: login.data.token,
    expiresAt: login.data.expiresAt,
    user: login.data.user,
  });
  const page: Page = await context.newPage();
  if (original) {
    // The same client and upload path, told not to shrink anything.
    await page.route('**/api/uploads/photo-settings', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify({ data: { maxSide: 8192, jpegQuality: 0.85 } }) }),
    );
  }
  await page.goto(`${base}/admin/applications/${app.id}`);
  await startAction(page, '提交勘察方案');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 60,
    uploadThroughput: 5 * MBIT,
    downloadThroughput: 20 * MBIT,
  });
  if (CPU > 1) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  }
  await page.evaluate(WATCH);
  // Files on disk, as a phone's gallery hands them over (buffers would be copied through the slowed page).
  await page.locator('[data-testid="file-site_photo"]').setInputFiles(photos, { timeout: 120_000 });
  // Polled from here: the page's CSP forbids the string evaluation waitForFunction does in the page.
  const deadline = Date.now() + 300_000;
  while (Number(await page.evaluate('window.__stored')) === 0) {
    if (Date.now() > deadline) {
      throw new Error('the three photos were not stored within 5 minutes');
    }
    await page.waitForTimeout(100);
  }
  const ms = Number(await page.evaluate('window.__stored - window.__chosen'));
  await context.close();
  const list = await crew.surveyor.api.get<{ data: Stored[] }>(`/api/applications/${app.id}/attachments`);
  return { ms: Math.round(ms), stored: list.body.data.filter((f) => f.category === 'site_photo') };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);

async function main(): Promise<void> {
  const { base, browser, close } = await openBenchSite('upload-phone', false);
  const dir = mkdtempSync(path.join(tmpdir(), 'wc-bench-photos-'));
  try {
    const crew = await createCrew(base);
    const photos = await cameraPhotos(browser, dir);
    console.log(`photos: ${photos.map((p) => `${mb(statSync(p).size)} MB`).join(', ')} (4032×3024, EXIF time + GPS)`);
    console.log(`network: upload 5 Mbit/s, download 20 Mbit/s, latency 60 ms; CPU ${CPU}× slower; ${RUNS} run(s) each`);
    const originals: number[] = [];
    const resized: number[] = [];
    let exifKept = 0;
    let exifTotal = 0;
    for (let i = 0; i < RUNS; i++) {
      const a = await run(browser, base, crew, photos, true);
      originals.push(a.ms);
      console.log(`run ${i + 1} original: ${a.ms} ms, stored ${a.stored.map((f) => `${mb(f.size)} MB`).join(', ')}`);
      const b = await run(browser, base, crew, photos, false);
      resized.push(b.ms);
      exifKept = b.stored.filter((f) => f.takenAt !== null && f.gps !== null).length;
      exifTotal = b.stored.length;
      console.log(
        `run ${i + 1} resized:  ${b.ms} ms, stored ${b.stored.map((f) => `${mb(f.size)} MB`).join(', ')}; ` +
          `拍摄时间 ${b.stored.map((f) => f.takenAt ?? '无').join(', ')}; GPS ${b.stored.map((f) => (f.gps ? `${f.gps.lat.toFixed(5)},${f.gps.lng.toFixed(5)}` : '无')).join(' / ')}`,
      );
    }
    const original = median(originals);
    const shrunk = median(resized);
    const ratio = shrunk / original;
    const ok = ratio <= RATIO_BUDGET && exifTotal === 3 && exifKept === 3;
    console.log(
      `median original ${original} ms, resized ${shrunk} ms: ratio ${ratio.toFixed(3)} (budget ≤ ${RATIO_BUDGET}); ${ok ? 'within budget' : 'OVER BUDGET'}`,
    );
    console.log(
      `RESULT upload_original_ms=${original} upload_resized_ms=${shrunk} ratio=${ratio.toFixed(3)} exif_kept=${exifKept}/${exifTotal} cpu_slowdown=${CPU}`,
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
