/**
 * The staff phone's 待上传 queue (admin/src/offline/replay.ts) replayed against the real server,
 * the way a Node script would do it: an array as the store, Node's fetch with a login token as the
 * sender. Each photo and the action carry their stored Idempotency-Key, so a try whose answer was
 * lost stores nothing twice; an application that moved on refuses the entry in words and no photo
 * is sent; the person's own later entries follow their earlier ones.
 */
import { randomUUID } from 'node:crypto';
import { fetchSend, replayQueue, type QueueStore, type Send } from '../../../admin/src/offline/replay';
import type { QueueEntry } from '../../../admin/src/offline/types';
import { createCrew, residentAtSurvey, survey, type Crew } from '../support/journey';
import { jpeg, sitePhoto } from '../support/sampleFiles';
import { startTestServer, type TestServer } from '../support/testServer';
import { mustUpload } from '../support/uploads';
import { history, must, type AppView } from '../support/workflow';

let server: TestServer;
let crew: Crew;

beforeAll(async () => {
  server = await startTestServer();
  crew = await createCrew(server.url);
});
afterAll(async () => {
  await server.close();
});

const photo = (name: string) => ({ displayName: name, fileName: `${name}.jpg`, content: sitePhoto() });

/** A resident application at 施工 with its 进场照片 taken. */
async function atConstruction(): Promise<AppView> {
  const { app } = await residentAtSurvey(server.url, crew);
  await survey(crew, app);
  await mustUpload(crew.cashier.api, app.id, 'payment_receipt', { displayName: '缴费收据', fileName: 'r.jpg', content: jpeg() });
  await must(crew.cashier.api, app.id, 'record_payment', { amount: 1850, paidOn: '2026-11-25', receiptNo: 'SJ-0001' });
  await mustUpload(crew.constructor.api, app.id, 'entry_photo', photo('进场照片'));
  return must(crew.constructor.api, app.id, 'entry_photos');
}

/** An array as the device's store (the page uses IndexedDB). */
function memoryStore(): QueueStore & { entries: QueueEntry[]; add(entry: Omit<QueueEntry, 'id'>): void } {
  let next = 1;
  const store = {
    entries: [] as QueueEntry[],
    add: (entry: Omit<QueueEntry, 'id'>) => void store.entries.push({ ...entry, id: next++ }),
    list: () => Promise.resolve([...store.entries]),
    put: (entry: QueueEntry) => {
      store.entries = store.entries.map((e) => (e.id === entry.id ? entry : e));
      return Promise.resolve();
    },
    remove: (id: number) => {
      store.entries = store.entries.filter((e) => e.id !== id);
      return Promise.resolve();
    },
  };
  return store;
}

function entry(app: AppView, action: { key: string; label: string; category: string }, files: string[]): Omit<QueueEntry, 'id'> {
  return {
    createdAt: new Date().toISOString(),
    applicationId: app.id,
    applicationNumber: app.number,
    applicationName: app.name,
    actionKey: action.key,
    actionLabel: action.label,
    body: { comment: `${action.label}（离线记录）` },
    files: files.map((name) => ({
      blob: new Blob([new Uint8Array(sitePhoto())], { type: 'image/jpeg' }),
      fileName: `${name}.jpg`,
      displayName: `${app.number} ${name}`,
      category: action.category,
      categoryLabel: name,
      idempotencyKey: randomUUID(),
      attachmentId: null,
    })),
    idempotencyKey: randomUUID(),
    expectedVersion: app.version,
    seenState: app.state,
    seenStateLabel: app.stateLabel,
    status: 'waiting',
    refusal: null,
  };
}

const COMPLETION = { key: 'completion_photos', label: '上传完工照片', category: 'completion_photo' };
const WATER_ON = { key: 'water_on_photos', label: '上传通水照片', category: 'water_on_photo' };

const sender = (): Send => fetchSend(`${server.url}/api`, () => ({ Authorization: `Bearer ${crew.constructor.api.token ?? ''}` }));

async function files(app: AppView, category: string) {
  const list = await crew.constructor.api.get<{ data: { id: number; category: string }[] }>(`/api/applications/${app.id}/attachments`);
  return list.body.data.filter((f) => f.category === category);
}

describe('replaying the 待上传 queue', () => {
  it('sends each photo and the action once, although the answers of earlier tries were lost', async () => {
    const app = await atConstruction();
    const store = memoryStore();
    store.add(entry(app, COMPLETION, ['完工照片1', '完工照片2']));
    const send = sender();
    // First try: the first photo reaches the server but its answer is lost.
    let lose = true;
    const lossy: Send = async (request) => {
      const reply = await send(request);
      if (lose && request.form) {
        lose = false;
        throw new Error('connection reset');
      }
      return reply;
    };
    const first = await replayQueue(store, lossy);
    expect(first).toMatchObject({ sent: [], refused: [], stopped: 'network' });
    expect(store.entries[0]).toMatchObject({ status: 'waiting' });
    expect(await files(app, 'completion_photo')).toHaveLength(1);

    // Second try: the lost answer is replayed by the server, the second photo and the action go up.
    const second = await replayQueue(store, send);
    expect(second.sent).toHaveLength(1);
    expect(store.entries).toHaveLength(0);
    const stored = await files(app, 'completion_photo');
    expect(stored).toHaveLength(2);
    const records = (await history(crew.constructor.api, app.id)).filter((h) => h.action === 'completion_photos');
    expect(records).toHaveLength(1);
    expect(records[0]?.attachments.map((a) => a.id).sort()).toEqual(stored.map((f) => f.id).sort());

    // A third run (another tab) finds nothing to do; the same action key again changes nothing.
    await expect(replayQueue(store, send)).resolves.toEqual({ sent: [], refused: [], stopped: null });
  });

  it('refuses in words when the application moved on, sends no photo, holds that application, and goes on with the next', async () => {
    const movedOn = await atConstruction();
    const other = await atConstruction();
    const store = memoryStore();
    store.add(entry(movedOn, COMPLETION, ['完工照片']));
    store.add(entry(movedOn, WATER_ON, ['通水照片']));
    store.add(entry(other, COMPLETION, ['完工照片']));
    // A colleague finishes the construction of the first application meanwhile.
    await mustUpload(crew.constructor.api, movedOn.id, 'completion_photo', photo('完工照片'));
    await must(crew.constructor.api, movedOn.id, 'completion_photos');
    await mustUpload(crew.constructor.api, movedOn.id, 'water_on_photo', photo('通水照片'));
    await must(crew.constructor.api, movedOn.id, 'water_on_photos');
    await must(crew.constructor.api, movedOn.id, 'record_meter', {
      meter: { number: 'JM-0003', caliber: 'DN20', model: 'LXS-20E', initialReading: 0 },
    });
    await must(crew.constructor.api, movedOn.id, 'submit_construction');

    const result = await replayQueue(store, sender());
    expect(result.stopped).toBeNull();
    expect(result.sent.map((e) => e.applicationId)).toEqual([other.id]);
    expect(result.refused).toHaveLength(1);
    expect(store.entries.map((e) => [e.actionKey, e.status])).toEqual([
      ['completion_photos', 'refused'],
      // Recorded on the same view as the refused one: it waits until the person deals with that.
      ['water_on_photos', 'waiting'],
    ]);
    expect(store.entries[0]?.refusal?.message).toBe('该申请已进入「验收」环节，无法提交「上传完工照片」');
    expect(store.entries[0]?.refusal?.status).toBeGreaterThanOrEqual(400);
    expect(store.entries[0]?.files[0]?.attachmentId).toBeNull();
    expect(await files(movedOn, 'completion_photo')).toHaveLength(1);
    expect(await files(other, 'completion_photo')).toHaveLength(1);
  });

  it("follows the person's own earlier entry on the same application (its new version)", async () => {
    const app = await atConstruction();
    const store = memoryStore();
    // Both recorded offline on the version the page showed.
    store.add(entry(app, COMPLETION, ['完工照片']));
    store.add(entry(app, WATER_ON, ['通水照片']));
    const result = await replayQueue(store, sender());
    expect(result).toMatchObject({ refused: [], stopped: null });
    expect(result.sent.map((e) => e.actionKey)).toEqual(['completion_photos', 'water_on_photos']);
    const actions = (await history(crew.constructor.api, app.id)).map((h) => h.action);
    expect(actions.slice(-2)).toEqual(['completion_photos', 'water_on_photos']);
  });

  it('tells a changed application by who acted, and waits without a login', async () => {
    const app = await atConstruction();
    const store = memoryStore();
    store.add(entry(app, COMPLETION, ['完工照片']));
    const noLogin = await replayQueue(
      store,
      fetchSend(`${server.url}/api`, () => ({})),
    );
    expect(noLogin).toMatchObject({ sent: [], refused: [], stopped: 'unauthorized' });
    expect(store.entries[0]?.status).toBe('waiting');

    // A colleague takes the same step meanwhile: same state, newer version.
    await mustUpload(crew.constructor.api, app.id, 'completion_photo', photo('完工照片'));
    await must(crew.constructor.api, app.id, 'completion_photos');
    const refused = await replayQueue(store, sender());
    expect(refused.refused).toHaveLength(1);
    expect(store.entries[0]?.refusal?.message).toMatch(/您离线期间该申请已有变化（.+办理了「上传完工照片」），「上传完工照片」未提交/);
    expect(await files(app, 'completion_photo')).toHaveLength(1);
  });
});
