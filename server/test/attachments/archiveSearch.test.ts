import type { AttachmentView } from '@wc/shared';
import { createCrew, enterpriseAtSurvey, type Crew } from '../support/journey';
import { jpeg, pdf } from '../support/sampleFiles';
import { startTestServer, type TestServer } from '../support/testServer';
import { uploadFile } from '../support/uploads';
import type { AppView } from '../support/workflow';

let server: TestServer;
let crew: Crew;
let first: AppView;
let second: AppView;

type ArchiveReply = { data: (AttachmentView & { applicationNumber: string; applicationName: string })[]; meta: { total: number } };

beforeAll(async () => {
  server = await startTestServer();
  crew = await createCrew(server.url);
  first = await enterpriseAtSurvey(crew);
  second = await enterpriseAtSurvey(crew);
  await uploadFile(crew.surveyor.api, first.id, 'site_photo', { displayName: '档案页东门照片', fileName: 'a.jpg', content: jpeg() });
  await uploadFile(crew.surveyor.api, second.id, 'scheme_sketch', { displayName: '档案页方案草图', fileName: 'b.pdf', content: pdf() });
});
afterAll(() => server.close());

const search = async (query: string) => (await crew.reviewer.api.get<ArchiveReply>(`/api/attachments?${query}`)).body;

describe('档案查询', () => {
  it('finds files by 单位名称 and by uploader as well as by name, number and category', async () => {
    const byName = await search(`name=${encodeURIComponent(second.name)}`);
    expect(byName.data.map((f) => [f.applicationNumber, f.applicationName, f.displayName])).toEqual([
      [second.number, second.name, '档案页方案草图'],
    ]);
    const byUploader = await search(`uploader=${crew.surveyor.auth.id}&q=${encodeURIComponent('档案页')}`);
    expect(byUploader.meta.total).toBe(2);
    expect(byUploader.data.every((f) => f.uploader?.id === crew.surveyor.auth.id)).toBe(true);
    const nobody = await search(`uploader=${crew.reviewer.auth.id}&q=${encodeURIComponent('档案页')}`);
    expect(nobody.meta.total).toBe(0);
    const combined = await search(`name=${encodeURIComponent(first.name)}&category=site_photo`);
    expect(combined.data.map((f) => f.displayName)).toEqual(['档案页东门照片']);
  });

  it('takes hostile text as text and names a bad filter in Chinese', async () => {
    for (const text of ["' OR 1=1 --", '%', '_', '\\', '<script>alert(1)</script>']) {
      const res = await crew.reviewer.api.get<ArchiveReply>(
        `/api/attachments?q=${encodeURIComponent(text)}&name=${encodeURIComponent(text)}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.meta.total).toBe(0);
    }
    const bad = await crew.reviewer.api.get<{ error: { details: { path: string; message: string }[] } }>('/api/attachments?uploader=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'uploader', message: '上传人不正确' }]);
  });
});
