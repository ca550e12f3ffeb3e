/**
 * Field work without signal, on the staff phone (390×844): a builder records 上传完工照片 with its
 * photos while the phone is offline; it is kept on the phone (IndexedDB) as 待上传, survives a
 * reload, and is sent when the connection returns — each photo and the action under their own
 * Idempotency-Key, so an upload whose answer was lost is stored once. When a colleague moved the
 * application on meanwhile, the entry is refused with the reason and keeps its photos, while the
 * next entry (another application) goes through. Screenshots: artifacts/browser/admin-phone-offline-*.png.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { createStaff, type TestUser } from '../../server/test/support/factories';
import { createCrew, residentAtSurvey, survey, type Crew } from '../../server/test/support/journey';
import { jpeg, sitePhoto } from '../../server/test/support/sampleFiles';
import { mustUpload } from '../../server/test/support/uploads';
import { history, must, type AppView } from '../../server/test/support/workflow';
import { logIn, shot, startAction, waitForState, type Session } from '../support/adminBrowser';
import { ARTIFACTS, expectCount, expectText, launchBrowser } from '../support/browser';

jest.setTimeout(300_000);

let server: TestServer;
let browser: Browser;
let crew: Crew;
let colleague: TestUser;
/** Entries the tests saw sent by the replay (reported as offline_replayed). */
let replayed = 0;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  crew = await createCrew(server.url);
  colleague = await createStaff(server.url, ['constructor'], '李施工');
});
afterAll(async () => {
  console.log(`offline_replayed=${replayed}`);
  await browser.close();
  await server.close();
});

const photo = (name: string) => ({ displayName: name, fileName: `${name}.jpg`, content: sitePhoto() });

/** A resident application at 施工 with its 进场照片 taken (so 上传完工照片 is open). */
async function atConstruction(): Promise<AppView> {
  const { app } = await residentAtSurvey(server.url, crew);
  await survey(crew, app);
  await mustUpload(crew.cashier.api, app.id, 'payment_receipt', { displayName: '缴费收据', fileName: 'r.jpg', content: jpeg() });
  await must(crew.cashier.api, app.id, 'record_payment', { amount: 1850, paidOn: '2026-11-25', receiptNo: 'SJ-0001' });
  await mustUpload(colleague.api, app.id, 'entry_photo', photo('进场照片'));
  return must(colleague.api, app.id, 'entry_photos');
}

async function completionPhotos(appId: number) {
  const list = await crew.constructor.api.get<{ data: { id: number; category: string; displayName: string }[] }>(
    `/api/applications/${appId}/attachments`,
  );
  return list.body.data.filter((f) => f.category === 'completion_photo');
}

async function openDetail(page: Page, app: AppView): Promise<void> {
  await page.goto(`${server.url}/admin/applications/${app.id}`);
  await page.getByRole('heading', { name: new RegExp(app.number) }).waitFor();
}

async function until(check: () => boolean, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error('timed out waiting');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const badge = (page: Page) => page.getByTestId('offline-badge');

/** Takes 上传完工照片 in the offline form: two camera photos and a comment, 保存到本机. */
async function recordOffline(page: Page, names: string[]): Promise<void> {
  const form = await startAction(page, '上传完工照片');
  await expectText(form, '当前无网络');
  for (const name of names) {
    await page.getByTestId('offline-camera-completion_photo').setInputFiles({ name, mimeType: 'image/jpeg', buffer: sitePhoto() });
  }
  await expectCount(form.locator('.offline-file'), names.length);
  await form.getByLabel('办理意见（可选）').fill('管道试压合格，已回填');
  await form.getByTestId('offline-save').click();
  await page.getByText('已保存到本机，联网后自动上传').waitFor();
  await form.waitFor({ state: 'detached' });
}

describe('the staff phone without signal', () => {
  let session: Session | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('keeps 上传完工照片 on the phone, through a reload, and sends it once when the connection returns', async () => {
    const app = await atConstruction();
    session = await logIn(browser, server.url, crew.constructor, 'phone');
    const { page, context } = session;
    await openDetail(page, app);

    await context.setOffline(true);
    await recordOffline(page, ['IMG_0001.jpg', 'IMG_0002.jpg']);
    await expectText(badge(page), /待上传\s*1/);
    const here = page.getByTestId('offline-here');
    await expectText(here, '上传完工照片');
    await expectText(here, '等待上传');
    await shot(page, 'offline-queued', 'phone');
    // The header's 待上传 opens the list of everything the phone holds.
    await badge(page).click();
    const list = page.locator('.offline-drawer');
    await expectText(list, app.number);
    await expectText(list, '当前无网络，联网后自动上传');
    await expectText(list.locator('.offline-entry'), /上传完工照片[\s\S]*等待上传[\s\S]*2 个文件/);
    await page.waitForTimeout(500); // the drawer slides in
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-phone-offline-list.png') });
    await page.keyboard.press('Escape');
    await list.locator('.ant-drawer-content').waitFor({ state: 'hidden' });
    expect((await history(crew.constructor.api, app.id)).filter((h) => h.action === 'completion_photos')).toHaveLength(0);

    // Back in coverage, but the answers to the uploads are lost on the way (the server stores the
    // file, the phone never hears): the entry stays 待上传 and survives a reload of the page.
    let lostAnswers = 0;
    await page.route('**/api/applications/*/attachments', async (route) => {
      if (route.request().method() !== 'POST') {
        return route.fallback();
      }
      await route.fetch();
      lostAnswers += 1;
      return route.abort('connectionreset');
    });
    await context.setOffline(false);
    await until(() => lostAnswers > 0);
    await page.reload();
    await page.getByRole('heading', { name: new RegExp(app.number) }).waitFor();
    await expectText(badge(page), /待上传\s*1/);
    await expectText(page.getByTestId('offline-here'), '上传完工照片');
    // The reloaded page tried again at once: the same photo under the same key, answer lost again.
    await until(() => lostAnswers > 1);
    expect(await completionPhotos(app.id)).toHaveLength(1);

    // The connection comes back for real: the entry is sent, the page shows the new record.
    await page.unroute('**/api/applications/*/attachments');
    await context.setOffline(true);
    await context.setOffline(false);
    await badge(page).waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId('offline-here').waitFor({ state: 'detached' });
    await expectText(page.locator('.detail-history'), '上传完工照片', { timeout: 20_000 });
    await shot(page, 'offline-sent', 'phone');

    // Exactly one record and one copy of each photo, although the first upload was sent three times.
    const taken = (await history(crew.constructor.api, app.id)).filter((h) => h.action === 'completion_photos');
    expect(taken).toHaveLength(1);
    expect(taken[0]?.comment).toBe('管道试压合格，已回填');
    expect(taken[0]?.actor.name).toBe(crew.constructor.user.displayName);
    const photos = await completionPhotos(app.id);
    expect(photos.map((p) => p.displayName).sort()).toEqual([`${app.number} 完工照片 (1)`, `${app.number} 完工照片 (2)`]);
    expect(taken[0]?.attachments.map((a) => a.id).sort()).toEqual(photos.map((p) => p.id).sort());
    replayed += 1;
  });

  it('tells what was refused when the application moved on meanwhile, keeps its photos, and sends the next entry', async () => {
    const movedOn = await atConstruction();
    const other = await atConstruction();
    session = await logIn(browser, server.url, crew.constructor, 'phone');
    const { page, context } = session;
    // Two tabs of the phone, one per application, opened while there was signal.
    await openDetail(page, movedOn);
    const second = await context.newPage();
    await openDetail(second, other);

    await context.setOffline(true);
    await recordOffline(page, ['IMG_0101.jpg']);
    await recordOffline(second, ['IMG_0201.jpg']);
    await expectText(badge(page), /待上传\s*2/);

    // Meanwhile a colleague with signal finished the construction of the first application.
    await mustUpload(colleague.api, movedOn.id, 'completion_photo', photo('完工照片'));
    await must(colleague.api, movedOn.id, 'completion_photos');
    await mustUpload(colleague.api, movedOn.id, 'water_on_photo', photo('通水照片'));
    await must(colleague.api, movedOn.id, 'water_on_photos');
    await must(colleague.api, movedOn.id, 'record_meter', {
      meter: { number: 'JM-0002', caliber: 'DN20', model: 'LXS-20E', initialReading: 0 },
    });
    const accepted = await must(colleague.api, movedOn.id, 'submit_construction');
    expect(accepted.stateLabel).toBe('验收');

    await context.setOffline(false);
    const refusal = page.getByTestId('offline-here').locator('.offline-refusal');
    await expectText(refusal, '该申请已进入「验收」环节，无法提交「上传完工照片」', { timeout: 30_000 });
    await expectText(badge(page), /待上传\s*1/);
    // The page shows the application as it is now.
    await waitForState(page, '验收');
    // The refused entry's photo is still on the phone: shown and downloadable.
    const kept = page.getByTestId('offline-here').locator('.offline-photo');
    await expectCount(kept, 1);
    expect(await kept.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect(kept.getByRole('link', { name: /下载/ }).getAttribute('download')).resolves.toBe('IMG_0101.jpg');
    await shot(page, 'offline-refused', 'phone');

    // The other application's entry went through, in its own tab too.
    await second.getByTestId('offline-here').waitFor({ state: 'detached', timeout: 30_000 });
    await expectText(second.locator('.detail-history'), '上传完工照片', { timeout: 20_000 });
    const sent = (await history(crew.constructor.api, other.id)).filter((h) => h.action === 'completion_photos');
    expect(sent).toHaveLength(1);
    expect(await completionPhotos(other.id)).toHaveLength(1);
    replayed += 1;

    // Nothing of the refused entry reached the server: the colleague's record and photo only.
    const records = (await history(crew.constructor.api, movedOn.id)).filter((h) => h.action === 'completion_photos');
    expect(records.map((h) => h.actor.name)).toEqual(['李施工']);
    expect((await completionPhotos(movedOn.id)).map((p) => p.displayName)).toEqual(['完工照片']);

    // 删除 (confirmed) lets the photos go.
    await page.getByTestId('offline-here').getByRole('button', { name: /删除/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /删\s*除/ })
      .click();
    await badge(page).waitFor({ state: 'detached' });
    await second.close();
  });
});
