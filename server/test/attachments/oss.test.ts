import { Attachment } from '../../src/models';
import { sweepUploads } from '../../src/jobs/uploadSweeper';
import { createCrew, enterpriseAtSurvey, type Crew } from '../support/journey';
import { OssStub } from '../support/ossStub';
import { dwg, sitePhoto } from '../support/sampleFiles';
import { startTestServer, type TestServer } from '../support/testServer';
import { uploadFile } from '../support/uploads';

const stub = new OssStub('wc-files', 'test-access-key', 'test-secret-of-the-stub');
let server: TestServer;
let crew: Crew;

beforeAll(async () => {
  const port = await stub.start();
  server = await startTestServer({
    STORAGE_DRIVER: 'oss',
    OSS_ENDPOINT: `http://localhost:${port}`,
    OSS_CNAME: 'true',
    OSS_BUCKET: 'wc-files',
    OSS_ACCESS_KEY_ID: 'test-access-key',
    OSS_ACCESS_KEY_SECRET: 'test-secret-of-the-stub',
    OSS_MULTIPART_MB: '1',
    OSS_PART_MB: '0.5',
  });
  crew = await createCrew(server.url);
});
afterAll(async () => {
  await server.close();
  await stub.stop();
});

describe('Aliyun OSS driver (against a loopback stub that checks signatures)', () => {
  it('puts a photo with a valid signed request and its real content type', async () => {
    const app = await enterpriseAtSurvey(crew);
    const content = sitePhoto();
    const res = await uploadFile(crew.surveyor.api, app.id, 'site_photo', { displayName: 'OSS现场照片', fileName: 'p.jpg', content });
    expect(res.status).toBe(201);
    const row = await Attachment.findByPk(res.body.data.id);
    expect(row?.storageDriver).toBe('oss');
    const put = stub.requests.find((r) => r.method === 'PUT' && r.key === row?.storageKey);
    expect(put).toMatchObject({ auth: 'header', contentType: 'image/jpeg', bytes: content.length });
    expect(stub.objects.get(row?.storageKey ?? '')?.body.equals(content)).toBe(true);
    expect(stub.requests.filter((r) => r.auth === 'invalid')).toEqual([]);
  });

  it('sends a large file in parts and downloads through a short-lived signed URL', async () => {
    const app = await enterpriseAtSurvey(crew);
    const content = dwg(1.6 * 1024 * 1024);
    content.write('尾部标记', content.length - 20, 'utf8');
    const res = await uploadFile(crew.surveyor.api, app.id, 'other', { displayName: '大尺寸图纸', fileName: '大图.dwg', content });
    expect(res.status).toBe(201);
    const row = await Attachment.findByPk(res.body.data.id);
    const key = row?.storageKey ?? '';
    const parts = stub.requests.filter((r) => r.key === key && r.method === 'PUT' && r.query.partNumber);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.every((p) => p.auth === 'header')).toBe(true);
    expect(stub.requests.some((r) => r.key === key && r.method === 'POST' && 'uploads' in r.query)).toBe(true);
    expect(stub.objects.get(key)?.body.equals(content)).toBe(true);

    const redirect = await fetch(`${server.url}/api/attachments/${row?.id}/download`, {
      headers: { authorization: `Bearer ${crew.surveyor.token}` },
      redirect: 'manual',
    });
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^http://localhost:${stub.port}/`));
    const signed = new URL(location);
    // The link lives five minutes (whole seconds).
    expect(Number(signed.searchParams.get('Expires')) - Date.now() / 1000).toBeLessThanOrEqual(301);
    const file = await fetch(location);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(content)).toBe(true);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('大图.dwg')}`);
    expect(stub.requests.at(-1)?.auth).toBe('url');

    const tampered = await fetch(location.replace(/Expires=\d+/, `Expires=${Math.floor(Date.now() / 1000) + 86400}`));
    expect(tampered.status).toBe(403);
  });

  it('sweeps an orphan object that no attachment names', async () => {
    stub.objects.set('uploads/2020/01/orphan.jpg', {
      body: sitePhoto(),
      contentType: 'image/jpeg',
      lastModified: new Date(Date.now() - 3 * 3600_000),
    });
    const result = await sweepUploads();
    expect(result.orphans).toBeGreaterThanOrEqual(1);
    expect(stub.objects.has('uploads/2020/01/orphan.jpg')).toBe(false);
    const kept = await Attachment.findAll({ where: { storageDriver: 'oss' } });
    expect(kept.every((a) => stub.objects.has(a.storageKey))).toBe(true);
  });
});
