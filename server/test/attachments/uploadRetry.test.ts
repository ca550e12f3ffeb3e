/**
 * A builder's phone on 4G: the answer to an upload is lost and the page sends the file again with
 * the same `Idempotency-Key` — one attachment, one stored object; a key reused for another file
 * name is refused; two copies racing each other store one file. The photo settings the clients
 * shrink photos by come from the server's configuration.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createCrew, enterpriseAtSurvey, type Crew } from '../support/journey';
import { sitePhoto } from '../support/sampleFiles';
import { startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let crew: Crew;

beforeAll(async () => {
  server = await startTestServer({ PHOTO_MAX_SIDE: '1600', PHOTO_JPEG_QUALITY: '0.8' });
  crew = await createCrew(server.url);
});
afterAll(() => server.close());

const storedObjects = (): number => {
  try {
    return readdirSync(path.join(server.config.dataDir, 'uploads'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
      .length;
  } catch {
    return 0;
  }
};

interface Reply {
  status: number;
  replayed: string | null;
  body: { data?: { id: number; displayName: string; takenAt: string | null }; error?: { code: string } };
}

/** One upload with an Idempotency-Key, as the staff page sends it. */
async function upload(appId: number, key: string, displayName: string): Promise<Reply> {
  const form = new FormData();
  form.append('category', 'site_photo');
  form.append('displayName', displayName);
  form.append('file', new Blob([new Uint8Array(sitePhoto())], { type: 'image/jpeg' }), 'IMG_0001.jpg');
  const res = await fetch(`${server.url}/api/applications/${appId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${crew.surveyor.api.token ?? ''}`, 'idempotency-key': key },
    body: form,
  });
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: (await res.json()) as Reply['body'] };
}

async function sitePhotos(appId: number): Promise<{ id: number; category: string }[]> {
  const list = await crew.surveyor.api.get<{ data: { id: number; category: string }[] }>(`/api/applications/${appId}/attachments`);
  return list.body.data.filter((f) => f.category === 'site_photo');
}

describe('an upload sent again with its Idempotency-Key', () => {
  it('stores the photo once and answers the repeat with the first reply', async () => {
    const app = await enterpriseAtSurvey(crew);
    const objects = storedObjects();
    const first = await upload(app.id, 'photo-retry-0001', '东门现场照片');
    expect(first.status).toBe(201);
    expect(first.replayed).toBeNull();
    expect(first.body.data?.takenAt).toBe('2026-11-20T01:30:00.000Z');

    const again = await upload(app.id, 'photo-retry-0001', '东门现场照片');
    expect(again.status).toBe(201);
    expect(again.replayed).toBe('true');
    expect(again.body.data?.id).toBe(first.body.data?.id);
    expect(await sitePhotos(app.id)).toHaveLength(1);
    expect(storedObjects()).toBe(objects + 1);

    // The same key for another file name is a client bug: refused, nothing stored.
    const other = await upload(app.id, 'photo-retry-0001', '西门现场照片');
    expect(other.status).toBe(422);
    expect(other.body.error?.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await sitePhotos(app.id)).toHaveLength(1);
    expect(storedObjects()).toBe(objects + 1);
  });

  it('stores one copy when two sends of one upload race each other', async () => {
    const app = await enterpriseAtSurvey(crew);
    const objects = storedObjects();
    const replies = await Promise.all([1, 2, 3].map(() => upload(app.id, 'photo-race-0001', '北门现场照片')));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(replies.map((r) => r.body.data?.id)).size).toBe(1);
    expect(await sitePhotos(app.id)).toHaveLength(1);
    expect(storedObjects()).toBe(objects + 1);
  });

  it('refuses a malformed key with a field message and stores nothing', async () => {
    const app = await enterpriseAtSurvey(crew);
    const res = await upload(app.id, 'short', '南门现场照片');
    expect(res.status).toBe(400);
    expect(await sitePhotos(app.id)).toHaveLength(0);
  });
});

describe('GET /api/uploads/photo-settings', () => {
  it('gives the configured long side and JPEG quality to a logged-in user', async () => {
    const res = await crew.surveyor.api.get<{ data: { maxSide: number; jpegQuality: number } }>('/api/uploads/photo-settings');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ maxSide: 1600, jpegQuality: 0.8 });
    const anonymous = await fetch(`${server.url}/api/uploads/photo-settings`);
    expect(anonymous.status).toBe(401);
  });
});
