import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createApplicant, enterpriseForm } from '../support/factories';
import { createCrew, type Crew } from '../support/journey';
import { jpeg, pdf } from '../support/sampleFiles';
import { startTestServer, type TestServer } from '../support/testServer';
import { uploadFile } from '../support/uploads';
import { must, type AppView } from '../support/workflow';

let server: TestServer;
let crew: Crew;

beforeAll(async () => {
  server = await startTestServer();
  crew = await createCrew(server.url);
});
afterAll(() => server.close());

interface Listed {
  id: number;
  category: string;
  displayName: string;
  createdAt: string;
  uploader: { id: number; name: string } | null;
}
const listed = async (api: Crew['admin']['api'], id: number) =>
  (await api.get<{ data: Listed[] }>(`/api/applications/${id}/attachments`)).body.data;

const spoolFiles = () => {
  try {
    return readdirSync(path.join(server.config.dataDir, 'tmp', 'uploads'));
  } catch {
    return [];
  }
};

async function onlineApplication() {
  const owner = await createApplicant(server.url, 'enterprise');
  const created = await owner.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
  return { owner, app: created.body.data };
}

describe('其他资料 (the archive)', () => {
  it('takes a file from any staff member after the application has ended, listed with who and when', async () => {
    const { owner, app } = await onlineApplication();
    const ended = await must(owner.api, app.id, 'withdraw', { comment: '不再需要' });
    expect(ended.state).toBe('withdrawn');

    const res = await uploadFile(crew.designer.api, app.id, 'other', {
      displayName: '撤销后补交的产权人来函',
      fileName: 'letter.pdf',
      content: pdf('来函'),
    });
    expect(res.status).toBe(201);
    const files = await listed(crew.admin.api, app.id);
    const filed = files.find((f) => f.id === res.body.data.id);
    expect(filed).toMatchObject({ category: 'other', displayName: '撤销后补交的产权人来函', uploader: { name: '测试designer' } });
    expect(Date.now() - new Date(filed?.createdAt ?? 0).getTime()).toBeLessThan(60_000);
  });

  it('refuses an empty name, the number, the category or both with a field message and stores nothing', async () => {
    const { app } = await onlineApplication();
    for (const displayName of ['', '   ', '其他资料', app.number, `${app.number} 其他资料`, `${app.number.toLowerCase()}其他资料 (2)`]) {
      const res = await uploadFile(crew.window_clerk.api, app.id, 'other', { displayName, fileName: 'x.jpg', content: jpeg() });
      expect({ displayName, status: res.status }).toEqual({ displayName, status: 400 });
      expect(res.body.error.details?.[0]?.path).toBe('displayName');
      expect(res.body.error.details?.[0]?.message).toMatch(/文件名称/);
    }
    expect(await listed(crew.admin.api, app.id)).toEqual([]);
    expect(spoolFiles()).toEqual([]);
    // A name that says what the file is goes in, even beside the number.
    const ok = await uploadFile(crew.window_clerk.api, app.id, 'other', {
      displayName: `${app.number} 物业同意书`,
      fileName: 'x.jpg',
      content: jpeg(),
    });
    expect(ok.status).toBe(201);
  });

  it("answers 404 to an applicant filing on someone else's application", async () => {
    const { app } = await onlineApplication();
    const stranger = await createApplicant(server.url, 'enterprise');
    const file = { displayName: '产权人来函', fileName: 'letter.pdf', content: pdf() };
    expect((await uploadFile(stranger.api, app.id, 'other', file)).status).toBe(404);
    expect(await listed(crew.admin.api, app.id)).toEqual([]);
  });
});
