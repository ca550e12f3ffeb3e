import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import type { AuditEventView } from '@wc/shared';
import { Attachment, AuditEvent } from '../../src/models';
import { storage } from '../../src/storage';
import { createApplicant, createStaff, residentForm, type TestUser } from '../support/factories';
import { createCrew, design, onlineEnterpriseAtSurvey, survey, type Crew } from '../support/journey';
import { budgetTotal, budgetXlsx, pdf } from '../support/sampleFiles';
import { startTestServer, type TestServer } from '../support/testServer';
import { mustUpload } from '../support/uploads';
import { history, must, type AppView, type ErrorReply } from '../support/workflow';

let server: TestServer;
let crew: Crew;

beforeAll(async () => {
  server = await startTestServer();
  crew = await createCrew(server.url);
});
afterAll(() => server.close());

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** GET …/dossier.zip as the browser does (token in the header), the body kept whole. */
async function downloadDossier(user: TestUser, id: number) {
  const res = await fetch(`${server.url}/api/applications/${id}/dossier.zip`, { headers: { authorization: `Bearer ${user.token}` } });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

/** Each entry's DOS time as written (read as if UTC), from the last unzip. */
const entryTimes = new Map<string, Date>();

/** Every entry of a zip with its bytes, read by yauzl (names decoded as the zip declares them). */
function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  entryTimes.clear();
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (error, file) => {
      if (error || !file) {
        reject(error ?? new Error('no zip'));
        return;
      }
      const entries = new Map<string, Buffer>();
      file.on('entry', (entry: yauzl.Entry) => {
        entryTimes.set(entry.fileName, entry.getLastModDate({ timezone: 'UTC', forceDosFormat: true }));
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            reject(streamError ?? new Error('no stream'));
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            file.readEntry();
          });
        });
      });
      file.on('end', () => resolve(entries));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

/** The PDF's text as pdf.js extracts it (in a child process: pdf.js is ES modules only). */
function pdfText(data: Buffer): Promise<{ pages: number; text: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(__dirname, '..', 'support', 'pdfText.mjs')],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${error.message}\n${stderr}`));
          return;
        }
        resolve(JSON.parse(stdout) as { pages: number; text: string });
      },
    );
    child.stdin?.end(data);
  });
}

interface Walked {
  app: AppView;
  applicant: TestUser;
  /** Zip path → the SHA-256 the upload reply reported for it. */
  expected: Map<string, string>;
  firstBudget: { id: number; sha256: string };
  revisedBudget: { id: number; sha256: string };
}

/**
 * An online enterprise application walked to 合同编制: survey, design, the budget rejected by the
 * customer and revised (so the first version is superseded), confirmed; and two 其他资料 under the
 * same name.
 */
async function walked(): Promise<Walked> {
  const { applicant, app: dispatched } = await onlineEnterpriseAtSurvey(server.url, crew);
  const designing = await survey(crew, dispatched);
  const first = await design(crew, designing);
  await must(applicant.api, first.app.id, 'reject_design', { budgetAttachmentId: first.budgetId, comment: '管材单价偏高，请核实' });
  const revised = await mustUpload(crew.budgeter.api, first.app.id, 'budget', {
    displayName: '给水工程预算书（修订版）',
    fileName: 'b2.xlsx',
    // Another workbook than the first (a different title), so the two versions' SHA-256 differ.
    content: await budgetXlsx(undefined, '给水工程预算书（修订版）'),
  });
  await must(crew.budgeter.api, first.app.id, 'submit_design', { budgetTotal: budgetTotal() });
  const app = await must(applicant.api, first.app.id, 'confirm_design', { budgetAttachmentId: revised.id, comment: '同意' });
  const letters = [];
  for (const text of ['来函一', '来函二']) {
    letters.push(
      await mustUpload(crew.designer.api, app.id, 'other', { displayName: '产权人来函', fileName: 'letter.pdf', content: pdf(text) }),
    );
  }

  const files = await crew.reviewer.api.get<{ data: { id: number; category: string; sha256: string; displayName: string }[] }>(
    `/api/applications/${app.id}/attachments`,
  );
  const byName = (category: string, displayName: string) => {
    const file = files.body.data.find((f) => f.category === category && f.displayName === displayName);
    if (!file) {
      throw new Error(`no ${category} ${displayName}`);
    }
    return file.sha256;
  };
  const firstBudgetFile = files.body.data.find((f) => f.id === first.budgetId);
  if (!firstBudgetFile) {
    throw new Error('first budget missing');
  }
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const expected = new Map<string, string>([
    ['勘察照片/东门现场照片.jpg', byName('site_photo', '东门现场照片')],
    ['方案草图/接水方案草图.jpg', byName('scheme_sketch', '接水方案草图')],
    ['用户签字方案/用户签字方案.pdf', byName('signed_scheme', '用户签字方案')],
    ['施工图/给水施工图.dwg', byName('construction_drawing', '给水施工图')],
    ['施工图(PDF)/给水施工图PDF.pdf', byName('construction_drawing_pdf', '给水施工图PDF')],
    ['预算书/给水工程预算书（修订版）.xlsx', revised.sha256],
    [`预算书/历史版本/给水工程预算书（第1版 ${day}）.xlsx`, firstBudgetFile.sha256],
    ['其他资料/产权人来函.pdf', letters[0]?.sha256 ?? ''],
    ['其他资料/产权人来函（2）.pdf', letters[1]?.sha256 ?? ''],
  ]);
  expect(firstBudgetFile.sha256).not.toBe(revised.sha256);
  return {
    app,
    applicant,
    expected,
    firstBudget: { id: first.budgetId, sha256: firstBudgetFile.sha256 },
    revisedBudget: { id: revised.id, sha256: revised.sha256 },
  };
}

describe('报装资料 (GET /api/applications/:id/dossier.zip)', () => {
  it('gives staff a zip named after the number: the summary PDF, current files by category and superseded versions, each file intact', async () => {
    const { app, expected, firstBudget, revisedBudget } = await walked();
    const { res, body } = await downloadDossier(crew.reviewer, app.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${app.number}.zip"; filename*=UTF-8''${encodeURIComponent(`${app.number}.zip`)}`,
    );

    const asked = Date.now();
    const entries = await unzip(body);
    const summaryName = `${app.number}-报装资料汇总.pdf`;
    // Unzip tools show the time as written: China's wall clock (UTC+8), whatever the server's zone.
    const written = entryTimes.get(summaryName)?.getTime() ?? 0;
    expect(Math.abs(written - (asked + 8 * 3_600_000))).toBeLessThan(5 * 60_000);
    expect([...entries.keys()].sort()).toEqual([summaryName, ...expected.keys()].sort());
    // The bytes in the zip are the bytes uploaded: their SHA-256 is the one recorded at upload.
    for (const [name, hash] of expected) {
      expect([name, sha256(entries.get(name) ?? Buffer.alloc(0))]).toEqual([name, hash]);
    }

    const summary = entries.get(summaryName) ?? Buffer.alloc(0);
    expect(summary.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pages, text } = await pdfText(summary);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('报装资料汇总');
    expect(text).toContain(`报装编号：${app.number}`);
    expect(text).toContain('申请用水地址');
    for (const label of ['审核通过', '确认派工', '提交勘察方案', '提交施工图和预算', '不同意预算', '确认施工图和预算']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('管材单价偏高，请核实');
    expect(text).toContain('测试reviewer（后台审核员）');
    // The decisions name the exact versions they were about.
    expect(text).toMatch(new RegExp(`决定：不同意[^]*?预算书 第1版「给水工程预算书」\\s*SHA-256：${firstBudget.sha256}`));
    expect(text).toMatch(new RegExp(`决定：确认[^]*?预算书 第2版「给水工程预算书（修订版）」\\s*SHA-256：${revisedBudget.sha256}`));
    // Every file in the zip is listed with its SHA-256.
    for (const [name, hash] of expected) {
      expect(text).toContain(name);
      expect(text).toContain(hash);
    }
    expect(text).toContain(`第 1 页 / 共 ${pages} 页`);
  });

  it('lists each step with who, when and how long on whose clock', async () => {
    const { app } = await walked();
    const steps = await history(crew.reviewer.api, app.id);
    const { body } = await downloadDossier(crew.designer, app.id);
    const summary = (await unzip(body)).get(`${app.number}-报装资料汇总.pdf`) ?? Buffer.alloc(0);
    const { text } = await pdfText(summary);
    const timed = steps.filter((s) => s.fromState && s.clock !== 'none');
    expect(timed.length).toBeGreaterThan(3);
    expect(text).toMatch(/用时：\d+天\d+小时（本单位用时）|用时：\d+小时（本单位用时）/);
    expect(text).toMatch(/用时：(\d+天)?\d+小时（用户用时）/);
  });

  it('audits the export: who, which application, how many files and bytes', async () => {
    const { app, expected } = await walked();
    const { res } = await downloadDossier(crew.window_clerk, app.id);
    expect(res.status).toBe(200);
    const event = await AuditEvent.findOne({ where: { action: 'application.dossier', targetId: String(app.id) } });
    expect(event?.actorUserId).toBe(crew.window_clerk.user.id);
    expect(event?.data).toMatchObject({ files: expected.size });
    expect(Number(event?.data.bytes)).toBeGreaterThan(0);
    const log = await crew.admin.api.get<{ data: AuditEventView[] }>('/api/audit?action=application.dossier');
    const row = log.body.data.find((e) => e.applicationId === app.id);
    expect(row).toMatchObject({ actionLabel: '导出报装资料', target: app.number });
    expect(row?.summary).toMatch(new RegExp(`^${expected.size} 个文件，共 [\\d.]+ (KB|MB|B)$`));
  });

  it('answers another applicant 404 and the applicant themself 403, and the detail offers it exactly to those it serves', async () => {
    const { app, applicant } = await walked();
    const stranger = await createApplicant(server.url);
    const strangers = await stranger.api.get<ErrorReply>(`/api/applications/${app.id}/dossier.zip`);
    expect(strangers.status).toBe(404);
    expect(strangers.body.error.message).toBe('未找到该报装申请');
    const own = await applicant.api.get<ErrorReply>(`/api/applications/${app.id}/dossier.zip`);
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe('报装资料包由工作人员导出；施工图、预算书等文件请在报装详情中下载');
    const missing = await crew.reviewer.api.get<ErrorReply>('/api/applications/99999999/dossier.zip');
    expect(missing.status).toBe(404);
    const before = await AuditEvent.count({ where: { action: 'application.dossier', targetId: String(app.id) } });
    expect(before).toBe(0);

    const flag = async (user: TestUser) =>
      (await user.api.get<{ data: { permissions: { export: boolean } } }>(`/api/applications/${app.id}`)).body.data.permissions.export;
    expect(await flag(applicant)).toBe(false);
    expect(await flag(crew.reviewer)).toBe(true);
  });

  it('leaves out files the viewer’s role may not download, and says so in the summary', async () => {
    const { app } = await walked();
    // A signed contract as the 合同签订 step files it; only the contract roles (and admins) may download it.
    const contract = pdf('双方签字合同');
    const key = `uploads/test/${randomUUID()}.pdf`;
    const spooled = path.join(server.config.dataDir, `${randomUUID()}.pdf`);
    writeFileSync(spooled, contract);
    await storage().putFile(key, spooled, 'application/pdf', contract.length);
    await Attachment.create({
      applicationId: app.id,
      category: 'signed_contract',
      displayName: '双方签字合同扫描件',
      originalName: 'contract.pdf',
      storageDriver: 'local',
      storageKey: key,
      size: contract.length,
      mimeType: 'application/pdf',
      fileKind: 'pdf',
      sha256: sha256(contract),
      uploaderUserId: crew.contract_clerk.user.id,
      historyId: null,
      supersededById: null,
      takenAt: null,
      gpsLat: null,
      gpsLng: null,
    });

    const clerk = await unzip((await downloadDossier(crew.contract_clerk, app.id)).body);
    expect(sha256(clerk.get('双方签字合同/双方签字合同扫描件.pdf') ?? Buffer.alloc(0))).toBe(sha256(contract));

    const surveyors = await unzip((await downloadDossier(crew.surveyor, app.id)).body);
    expect([...surveyors.keys()].filter((name) => name.startsWith('双方签字合同/'))).toEqual([]);
    const { text } = await pdfText(surveyors.get(`${app.number}-报装资料汇总.pdf`) ?? Buffer.alloc(0));
    expect(text).toContain('另有 1 个文件因岗位权限未包含：双方签字合同「双方签字合同扫描件」');
  });
});

describe('报装资料 without a Chinese font on the server', () => {
  let bare: TestServer;
  beforeAll(async () => {
    bare = await startTestServer({ PDF_FONT: '/nonexistent/wqy-microhei.ttc' });
  });
  afterAll(() => bare.close());

  it('answers 503 with what the administrator must install, and exports nothing', async () => {
    const reviewer = await createStaff(bare.url, ['reviewer', 'window_clerk']);
    const created = await reviewer.api.post<{ data: { id: number } }>('/api/applications', residentForm());
    expect(created.status).toBe(201);
    const res = await reviewer.api.get<ErrorReply>(`/api/applications/${created.body.data.id}/dossier.zip`);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toBe(
      '报装资料汇总需要中文字体，服务器上未找到 /nonexistent/wqy-microhei.ttc：请管理员安装 fonts-wqy-microhei 或设置 PDF_FONT',
    );
    expect(await AuditEvent.count({ where: { action: 'application.dossier', targetId: String(created.body.data.id) } })).toBe(0);
  });
});
