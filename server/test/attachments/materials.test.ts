import { DEFAULT_MATERIAL_SETTINGS, RECOMMENDED_MATERIAL_SETTINGS, type MaterialSettings } from '@wc/shared';
import { createApplicant, enterpriseForm, residentForm } from '../support/factories';
import { createCrew, type Crew } from '../support/journey';
import { html, jpeg, pdf } from '../support/sampleFiles';
import { startTestServer, type TestServer } from '../support/testServer';
import { uploadFile } from '../support/uploads';
import { act, history, must, type AppView } from '../support/workflow';

let server: TestServer;
let crew: Crew;

beforeAll(async () => {
  server = await startTestServer();
  crew = await createCrew(server.url);
});
afterAll(() => server.close());

const scan = (displayName: string) => ({ displayName, fileName: 'scan.jpg', content: jpeg() });

interface SettingsReply {
  data: MaterialSettings;
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

async function setMaterials(settings: MaterialSettings) {
  const res = await crew.admin.api.put<SettingsReply>('/api/settings/materials', settings);
  expect(res.status).toBe(200);
  return res.body.data;
}

async function apply(kind: 'enterprise' | 'resident' = 'enterprise') {
  const owner = await createApplicant(server.url, kind);
  const created = await owner.api.post<{ data: AppView }>('/api/applications', kind === 'enterprise' ? enterpriseForm() : residentForm());
  expect(created.status).toBe(201);
  return { owner, app: created.body.data };
}

const reviewView = async (id: number) => (await crew.reviewer.api.get<{ data: AppView }>(`/api/applications/${id}`)).body.data;

describe('申请材料设置', () => {
  it('reads the defaults when unset, lets only an administrator change them, refuses bad input in Chinese and audits the change', async () => {
    const applicant = await createApplicant(server.url);
    expect((await applicant.api.get<SettingsReply>('/api/settings/materials')).body.data).toEqual(DEFAULT_MATERIAL_SETTINGS);

    expect((await crew.reviewer.api.put('/api/settings/materials', RECOMMENDED_MATERIAL_SETTINGS)).status).toBe(403);
    expect((await applicant.api.put('/api/settings/materials', RECOMMENDED_MATERIAL_SETTINGS)).status).toBe(403);
    const bad = await crew.admin.api.put<SettingsReply>('/api/settings/materials', {
      ...RECOMMENDED_MATERIAL_SETTINGS,
      resident: { ...RECOMMENDED_MATERIAL_SETTINGS.resident, id_card: 'always' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.[0]).toMatchObject({ path: 'resident.id_card', message: expect.stringMatching(/必须/) });
    expect((await crew.admin.api.get<SettingsReply>('/api/settings/materials')).body.data).toEqual(DEFAULT_MATERIAL_SETTINGS);

    expect(await setMaterials(RECOMMENDED_MATERIAL_SETTINGS)).toEqual(RECOMMENDED_MATERIAL_SETTINGS);
    const audit = await crew.admin.api.get<{ data: { actionLabel: string; summary: string; actor: { id: number } | null }[] }>(
      '/api/audit?action=settings.materials',
    );
    expect(audit.body.data[0]).toMatchObject({
      actionLabel: '修改申请材料设置',
      actor: { id: crew.admin.user.id },
      summary: '企业单位必须：营业执照、产权证明、用水申请表；居民必须：身份证、产权证明',
    });
    await setMaterials(DEFAULT_MATERIAL_SETTINGS);
  });
});

describe('申请材料 on an application', () => {
  afterEach(() => setMaterials(DEFAULT_MATERIAL_SETTINGS));

  it('refuses 审核通过 naming the missing materials, changes nothing, and accepts once the applicant and the reviewer added them', async () => {
    await setMaterials({
      ...DEFAULT_MATERIAL_SETTINGS,
      enterprise: { business_licence: 'required', id_card: 'off', property_proof: 'required', application_form: 'optional' },
    });
    const { owner, app } = await apply();
    const approve = (await reviewView(app.id)).availableActions.find((a) => a.key === 'approve');
    expect(approve?.blockedBy).toBe('请先上传申请材料：营业执照、产权证明');

    const refused = await act(crew.reviewer.api, app.id, 'approve');
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe('请先上传申请材料：营业执照、产权证明');
    expect((await reviewView(app.id)).state).toBe('submitted');
    expect((await reviewView(app.id)).version).toBe(app.version);
    expect((await history(crew.reviewer.api, app.id)).map((h) => h.action)).toEqual(['create']);

    // The applicant adds their licence while the application waits for review…
    expect((await uploadFile(owner.api, app.id, 'business_licence', scan('营业执照正本'))).status).toBe(201);
    const still = await act(crew.reviewer.api, app.id, 'approve');
    expect(still.body.error.message).toBe('请先上传申请材料：产权证明');
    // …the reviewer scans the deed that came by post.
    expect((await uploadFile(crew.reviewer.api, app.id, 'property_proof', scan('房产证扫描件'))).status).toBe(201);
    expect((await must(crew.reviewer.api, app.id, 'approve')).state).toBe('dispatching');
  });

  it('follows the administrator: a paper made required is required on the next review', async () => {
    const before = await apply('resident');
    expect((await must(crew.reviewer.api, before.app.id, 'approve')).state).toBe('surveying');

    await setMaterials({ ...DEFAULT_MATERIAL_SETTINGS, resident: { ...DEFAULT_MATERIAL_SETTINGS.resident, id_card: 'required' } });
    const after = await apply('resident');
    const refused = await act(crew.reviewer.api, after.app.id, 'approve');
    expect(refused.body.error.message).toBe('请先上传申请材料：身份证');
    expect((await uploadFile(after.owner.api, after.app.id, 'id_card', scan('身份证正面'))).status).toBe(201);
    expect((await must(crew.reviewer.api, after.app.id, 'approve')).state).toBe('surveying');
  });

  it('refuses 重新提交 of a returned application while a required paper is missing; the applicant adds it there', async () => {
    await setMaterials({
      ...DEFAULT_MATERIAL_SETTINGS,
      enterprise: { ...DEFAULT_MATERIAL_SETTINGS.enterprise, application_form: 'required' },
    });
    const { owner, app } = await apply();
    await must(crew.reviewer.api, app.id, 'return', { comment: '请补交用水申请表' });
    const refused = await act(owner.api, app.id, 'resubmit');
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe('请先上传申请材料：用水申请表');
    expect((await history(owner.api, app.id)).map((h) => h.action)).toEqual(['create', 'return']);
    expect(
      (await uploadFile(owner.api, app.id, 'application_form', { ...scan('用水申请表'), fileName: 'form.pdf', content: pdf() })).status,
    ).toBe(201);
    expect((await must(owner.api, app.id, 'resubmit')).state).toBe('submitted');
  });

  it('lets the applicant add papers only to their own application and only until it is accepted; checks the type', async () => {
    const { owner, app } = await apply();
    const stranger = await createApplicant(server.url);
    expect((await uploadFile(stranger.api, app.id, 'business_licence', scan('营业执照'))).status).toBe(404);
    const fake = await uploadFile(owner.api, app.id, 'business_licence', {
      displayName: '营业执照',
      fileName: 'licence.pdf',
      content: html(),
    });
    expect(fake.status).toBe(415);
    await must(crew.reviewer.api, app.id, 'approve');
    const late = await uploadFile(owner.api, app.id, 'business_licence', scan('营业执照'));
    expect(late.status).toBe(403);
    expect(late.body.error.message).toBe('当前环节您不能上传「营业执照」');
    // The refused uploads left nothing behind.
    const files = await owner.api.get<{ data: { category: string }[] }>(`/api/applications/${app.id}/attachments`);
    expect(files.body.data).toEqual([]);
  });

  it('takes scans from the window clerk at window entry; other staff file them as 其他资料 only', async () => {
    const created = await crew.window_clerk.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
    const id = created.body.data.id;
    expect(created.body.data.state).toBe('dispatching');
    expect((await uploadFile(crew.window_clerk.api, id, 'business_licence', scan('营业执照副本'))).status).toBe(201);
    expect(
      (await uploadFile(crew.window_clerk.api, id, 'property_proof', { ...scan('土地证'), fileName: 'deed.pdf', content: pdf() })).status,
    ).toBe(201);
    expect((await uploadFile(crew.surveyor.api, id, 'business_licence', scan('营业执照'))).status).toBe(403);
    const files = await crew.tech_head.api.get<{ data: { category: string; uploader: { name: string } | null }[] }>(
      `/api/applications/${id}/attachments`,
    );
    expect(files.body.data.map((f) => f.category).sort()).toEqual(['business_licence', 'property_proof']);
  });
});
