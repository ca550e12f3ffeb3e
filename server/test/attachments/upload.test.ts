import { Attachment } from '../../src/models';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createApplicant } from '../support/factories';
import { createCrew, design, enterpriseAtSurvey, onlineEnterpriseAtSurvey, survey, type Crew } from '../support/journey';
import { budgetXlsx, dwg, heic, html, jpeg, pdf, png, sitePhoto, xls } from '../support/sampleFiles';
import { startTestServer, type TestServer } from '../support/testServer';
import { uploadFile } from '../support/uploads';
import { act, type AppView } from '../support/workflow';

let server: TestServer;
let crew: Crew;

beforeAll(async () => {
  server = await startTestServer({ UPLOAD_MAX_MB_SITE_PHOTO: '0.05' });
  crew = await createCrew(server.url);
});
afterAll(() => server.close());

const spoolFiles = () => {
  try {
    return readdirSync(path.join(server.config.dataDir, 'tmp', 'uploads'));
  } catch {
    return [];
  }
};
const uploadedObjects = (): string[] => {
  const root = path.join(server.config.dataDir, 'uploads');
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch {
    return [];
  }
};

describe('uploading', () => {
  it('stores a site photo with its hash, size and EXIF capture time and position', async () => {
    const app = await enterpriseAtSurvey(crew);
    const content = sitePhoto();
    const res = await uploadFile(crew.surveyor.api, app.id, 'site_photo', {
      displayName: '东门现场照片',
      fileName: 'IMG_0001.jpg',
      content,
    });
    expect(res.status).toBe(201);
    const { createHash } = await import('node:crypto');
    expect(res.body.data).toMatchObject({
      category: 'site_photo',
      displayName: '东门现场照片',
      originalName: 'IMG_0001.jpg',
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      fileKind: 'jpeg',
      current: true,
      taken: false,
      takenAt: '2026-11-20T01:30:00.000Z',
    });
    expect(res.body.data.gps?.lat).toBeCloseTo(23.125, 3);
    expect(res.body.data.gps?.lng).toBeCloseTo(113.325, 3);
    const download = await fetch(`${server.url}${res.body.data.downloadUrl}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="IMG_0001.jpg"; filename*=UTF-8''IMG_0001.jpg`);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('requires a meaningful name', async () => {
    const app = await enterpriseAtSurvey(crew);
    for (const [name, message] of [
      ['', '请填写有意义的文件名称（至少2个字）'],
      ['IMG_20261120_0930', '请填写有意义的文件名称，例如「东门进场照片」，不要使用相机默认名'],
      ['0001', '文件名称不能只有数字和符号'],
    ]) {
      const res = await uploadFile(crew.surveyor.api, app.id, 'site_photo', {
        displayName: name ?? '',
        fileName: 'a.jpg',
        content: jpeg(),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ path: 'displayName', message }]);
    }
    expect(await Attachment.count({ where: { applicationId: app.id } })).toBe(0);
  });

  it('refuses a file over the category limit with 413 and keeps nothing', async () => {
    const app = await enterpriseAtSurvey(crew);
    const before = uploadedObjects().length;
    const big = Buffer.concat([sitePhoto(), Buffer.alloc(200 * 1024)]);
    const res = await uploadFile(crew.surveyor.api, app.id, 'site_photo', { displayName: '超大照片', fileName: 'big.jpg', content: big });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe('「勘察照片」单个文件不能超过 51 KB');
    expect(await Attachment.count({ where: { applicationId: app.id } })).toBe(0);
    expect(uploadedObjects().length).toBe(before);
    expect(spoolFiles()).toEqual([]);
  });

  it.each([
    ['HTML renamed .dwg', 'construction_drawing', 'x.dwg', html(), '文件内容与「施工图」要求的类型不符，请上传DWG 图纸'],
    [
      'JPEG renamed .pdf',
      'construction_drawing_pdf',
      'x.pdf',
      jpeg(),
      '文件内容与「施工图(PDF)」要求的类型不符（实际为JPEG 图片），请上传PDF 文档',
    ],
    [
      'PDF as a photo',
      'site_photo',
      'x.jpg',
      pdf(),
      '文件内容与「勘察照片」要求的类型不符（实际为PDF 文档），请上传JPEG 图片、PNG 图片、HEIC 图片、WebP 图片',
    ],
  ])('refuses a disguised file: %s (415)', async (_name, category, fileName, content, message) => {
    const { app } = await onlineEnterpriseAtSurvey(server.url, crew);
    const atDesign = category === 'site_photo' ? app : await survey(crew, app);
    const uploader = category === 'site_photo' ? crew.surveyor : crew.designer;
    const res = await uploadFile(uploader.api, atDesign.id, category, { displayName: '伪装的文件', fileName, content });
    expect(res.status).toBe(415);
    expect(res.body.error.message).toBe(message);
    expect(await Attachment.count({ where: { applicationId: app.id, category } })).toBe(0);
    expect(spoolFiles()).toEqual([]);
  });

  it('accepts PNG, HEIC, .xls and the real types of each category', async () => {
    const { app } = await onlineEnterpriseAtSurvey(server.url, crew);
    expect(
      (await uploadFile(crew.surveyor.api, app.id, 'site_photo', { displayName: '西侧照片', fileName: 'a.png', content: png() })).status,
    ).toBe(201);
    expect(
      (await uploadFile(crew.surveyor.api, app.id, 'site_photo', { displayName: '北侧照片', fileName: 'a.heic', content: heic() })).status,
    ).toBe(201);
    const designing = await survey(crew, app);
    const old = await uploadFile(crew.budgeter.api, designing.id, 'budget', {
      displayName: '旧版预算表',
      fileName: 'b.xls',
      content: xls(),
    });
    expect(old.status).toBe(201);
    expect(old.body.data.fileKind).toBe('xls');
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['invoice\u202Egpj.exe', 'invoicegpj.exe'],
    [`${'长'.repeat(300)}.jpg`, `${'长'.repeat(83)}.jpg`],
  ])('keeps a hostile name harmless: %j', async (original, expected) => {
    const app = await enterpriseAtSurvey(crew);
    const res = await uploadFile(crew.surveyor.api, app.id, 'site_photo', {
      displayName: '危险文件名测试',
      fileName: original,
      content: jpeg(),
    });
    expect(res.status).toBe(201);
    expect(res.body.data.originalName).toBe(expected);
    expect(Buffer.byteLength(res.body.data.originalName)).toBeLessThanOrEqual(255);
    const row = await Attachment.findByPk(res.body.data.id);
    expect(row?.storageKey).toMatch(/^uploads\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.jpg$/);
  });

  it('refuses a file name with a NUL byte with a clear message and keeps nothing', async () => {
    const app = await enterpriseAtSurvey(crew);
    const res = await uploadFile(crew.surveyor.api, app.id, 'site_photo', {
      displayName: '空字符文件名',
      fileName: 'a\u0000b.jpg',
      content: jpeg(),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'file', message: '上传内容格式不正确，请检查文件名是否含有特殊字符后重试' }]);
    expect(await Attachment.count({ where: { applicationId: app.id } })).toBe(0);
  });

  it('stores a malformed photo without hanging on its EXIF', async () => {
    const app = await enterpriseAtSurvey(crew);
    const started = Date.now();
    const res = await uploadFile(crew.surveyor.api, app.id, 'site_photo', {
      displayName: '损坏的HEIC照片',
      fileName: 'x.heic',
      content: heic(),
    });
    expect(res.status).toBe(201);
    expect(res.body.data.takenAt).toBeNull();
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('lets only the people of the current step upload', async () => {
    const app = await enterpriseAtSurvey(crew);
    const byDesigner = await uploadFile(crew.designer.api, app.id, 'construction_drawing', {
      displayName: '提前上传的图纸',
      fileName: 'd.dwg',
      content: dwg(),
    });
    expect(byDesigner.status).toBe(403);
    expect(byDesigner.body.error.message).toBe('当前环节您不能上传「施工图」');
    const applicant = await createApplicant(server.url);
    const other = await uploadFile(applicant.api, app.id, 'site_photo', { displayName: '别人的照片', fileName: 'x.jpg', content: jpeg() });
    expect(other.status).toBe(404);
    const anyStaff = await uploadFile(crew.cashier.api, app.id, 'other', {
      displayName: '用户来函',
      fileName: 'letter.pdf',
      content: pdf(),
    });
    expect(anyStaff.status).toBe(201);
  });
});

describe('versions and downloads', () => {
  it('makes a re-uploaded budget current and keeps the old one for staff only', async () => {
    const { app, applicant } = await onlineEnterpriseAtSurvey(server.url, crew);
    const designing = await survey(crew, app);
    const { budgetId: firstId } = await design(crew, designing);
    await act(applicant.api, app.id, 'reject_design', { budgetAttachmentId: firstId, comment: '单价偏高' });
    const second = await uploadFile(crew.budgeter.api, app.id, 'budget', {
      displayName: '给水工程预算书（修订）',
      fileName: 'b2.xlsx',
      content: await budgetXlsx(),
    });
    expect(second.status).toBe(201);

    const staffList = await crew.budgeter.api.get<{ data: { id: number; current: boolean; category: string }[] }>(
      `/api/applications/${app.id}/attachments`,
    );
    const budgets = staffList.body.data.filter((a) => a.category === 'budget');
    expect(budgets.map((b) => [b.id, b.current])).toEqual([
      [second.body.data.id, true],
      [firstId, false],
    ]);
    const mine = await applicant.api.get<{ data: { id: number; category: string }[] }>(`/api/applications/${app.id}/attachments`);
    expect(mine.body.data.filter((a) => a.category === 'budget').map((b) => b.id)).toEqual([second.body.data.id]);
    expect(mine.body.data.map((a) => a.category)).not.toContain('site_photo');

    expect((await crew.budgeter.api.get(`/api/attachments/${firstId}/download`)).status).toBe(200);
    expect((await applicant.api.get(`/api/attachments/${firstId}/download`)).status).toBe(404);
    expect((await applicant.api.get(`/api/attachments/${second.body.data.id}/download`)).status).toBe(200);
  });

  it('answers 404 to another applicant and 403 to a staff role the category is not for', async () => {
    const { app, applicant } = await onlineEnterpriseAtSurvey(server.url, crew);
    const designing = await survey(crew, app);
    const { budgetId } = await design(crew, designing);
    const stranger = await createApplicant(server.url);
    const hidden = await stranger.api.get<{ error: { code: string } }>(`/api/attachments/${budgetId}/download`);
    expect(hidden.status).toBe(404);
    expect(JSON.stringify(hidden.body)).not.toContain('预算');
    expect((await applicant.api.get(`/api/attachments/${budgetId}/download`)).status).toBe(200);

    const receipt = await uploadFile(crew.cashier.api, app.id, 'other', { displayName: '用户来函', fileName: 'x.pdf', content: pdf() });
    expect(receipt.status).toBe(201);
    const row = await Attachment.findByPk(receipt.body.data.id);
    await row?.update({ category: 'payment_receipt' });
    const forbidden = await crew.designer.api.get<{ error: { message: string } }>(`/api/attachments/${receipt.body.data.id}/download`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toBe('您的岗位无权查看此类附件');
    expect((await crew.cashier.api.get(`/api/attachments/${receipt.body.data.id}/download`)).status).toBe(200);
  });

  it('serves byte ranges and refuses unsatisfiable ones', async () => {
    const app = await enterpriseAtSurvey(crew);
    const content = sitePhoto();
    const up = await uploadFile(crew.surveyor.api, app.id, 'site_photo', { displayName: '范围下载照片', fileName: 'r.jpg', content });
    const part = await fetch(`${server.url}/api/attachments/${up.body.data.id}/download`, {
      headers: { authorization: `Bearer ${crew.surveyor.token}`, Range: 'bytes=10-19' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${content.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(content.subarray(10, 20))).toBe(true);
    const tail = await fetch(`${server.url}/api/attachments/${up.body.data.id}/download`, {
      headers: { authorization: `Bearer ${crew.surveyor.token}`, Range: 'bytes=-5' },
    });
    expect(Buffer.from(await tail.arrayBuffer()).equals(content.subarray(-5))).toBe(true);
    const bad = await fetch(`${server.url}/api/attachments/${up.body.data.id}/download`, {
      headers: { authorization: `Bearer ${crew.surveyor.token}`, Range: `bytes=${content.length + 10}-` },
    });
    expect(bad.status).toBe(416);
  });

  it('refuses a forged or expired signed link', async () => {
    const app = await enterpriseAtSurvey(crew);
    const up = await uploadFile(crew.surveyor.api, app.id, 'site_photo', {
      displayName: '签名链接照片',
      fileName: 's.jpg',
      content: jpeg(),
    });
    const url = up.body.data.downloadUrl ?? '';
    expect((await fetch(`${server.url}${url.replace(/s=[^&]+/, 's=AAAA')}`)).status).toBe(401);
    expect((await fetch(`${server.url}${url.replace(/e=\d+/, 'e=1000')}`)).status).toBe(401);
    expect((await fetch(`${server.url}${url.replace(/\/attachments\/\d+\//, `/attachments/${up.body.data.id + 1}/`)}`)).status).toBe(401);
  });
});

describe('budget preview and archive search', () => {
  it('reads the budget workbook into items and a total, beside the total entered', async () => {
    const { app, applicant } = await onlineEnterpriseAtSurvey(server.url, crew);
    const designing = await survey(crew, app);
    const { budgetId } = await design(crew, designing);
    const res = await applicant.api.get<{
      data: {
        items: { name: string; quantity: number; amount: number }[];
        total: number;
        budgetTotal: number;
        matchesBudgetTotal: boolean;
      };
    }>(`/api/attachments/${budgetId}/preview`);
    expect(res.status).toBe(200);
    expect(res.body.data.items.map((i) => [i.name, i.quantity, i.amount])).toEqual([
      ['球墨铸铁管', 120, 32220],
      ['闸阀', 2, 3700],
      ['水表井砌筑', 1, 3600],
    ]);
    expect(res.body.data).toMatchObject({ total: 39520, budgetTotal: 39520, matchesBudgetTotal: true });
  });

  it('finds files by name, category and application number', async () => {
    const app = await enterpriseAtSurvey(crew);
    await uploadFile(crew.surveyor.api, app.id, 'site_photo', { displayName: '档案检索专用照片甲', fileName: 'a.jpg', content: jpeg() });
    await uploadFile(crew.surveyor.api, app.id, 'scheme_sketch', { displayName: '档案检索专用草图', fileName: 'b.jpg', content: jpeg() });
    const byName = await crew.surveyor.api.get<{ data: { displayName: string; applicationNumber: string }[]; meta: { total: number } }>(
      `/api/attachments?q=${encodeURIComponent('档案检索专用')}`,
    );
    expect(byName.body.meta.total).toBe(2);
    expect(byName.body.data.every((a) => a.applicationNumber === app.number)).toBe(true);
    const byCategory = await crew.surveyor.api.get<{ data: { displayName: string }[] }>(
      `/api/attachments?q=${encodeURIComponent('档案检索专用')}&category=scheme_sketch`,
    );
    expect(byCategory.body.data.map((a) => a.displayName)).toEqual(['档案检索专用草图']);
    const byNumber = await crew.surveyor.api.get<{ meta: { total: number } }>(`/api/attachments?number=${app.number}`);
    expect(byNumber.body.meta.total).toBe(2);
    const applicant = await createApplicant(server.url);
    expect((await applicant.api.get('/api/attachments')).status).toBe(403);
  });
});

describe('the workflow needs the files', () => {
  it('refuses to submit the survey without the signed scheme and takes the files it needs', async () => {
    const app = await enterpriseAtSurvey(crew);
    await uploadFile(crew.surveyor.api, app.id, 'site_photo', { displayName: '现场照片一', fileName: 'a.jpg', content: sitePhoto() });
    await uploadFile(crew.surveyor.api, app.id, 'scheme_sketch', { displayName: '方案草图', fileName: 'b.jpg', content: jpeg() });
    const refused = await crew.surveyor.api.post<{ error: { code: string; message: string } }>(
      `/api/applications/${app.id}/actions/submit_survey`,
      { summary: '方案' },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error).toEqual({ code: 'GUARD_FAILED', message: '请先上传用户签字方案' });
    await uploadFile(crew.surveyor.api, app.id, 'signed_scheme', { displayName: '签字方案', fileName: 'c.pdf', content: pdf() });
    const ok = await crew.surveyor.api.post<{ data: AppView }>(`/api/applications/${app.id}/actions/submit_survey`, { summary: '方案' });
    expect(ok.status).toBe(200);
    const files = await Attachment.findAll({ where: { applicationId: app.id } });
    expect(files.every((f) => f.historyId !== null)).toBe(true);
  });
});

describe('a stored file that went missing', () => {
  it('answers 404 with a clear message instead of a server error', async () => {
    const app = await enterpriseAtSurvey(crew);
    const up = await uploadFile(crew.surveyor.api, app.id, 'site_photo', {
      displayName: '将丢失的照片',
      fileName: 'gone.jpg',
      content: jpeg(),
    });
    const row = await Attachment.findByPk(up.body.data.id);
    const { rmSync } = await import('node:fs');
    rmSync(path.join(server.config.dataDir, row?.storageKey ?? 'x'));
    const res = await crew.surveyor.api.get<{ error: { code: string; message: string } }>(`/api/attachments/${up.body.data.id}/download`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('该附件的文件内容已丢失，请联系系统管理员');
  });
});
