import ExcelJS from 'exceljs';
import { applicationFormSchema, type ApplicationForm } from '@wc/shared';
import { createApplication } from '../../src/commands/applicationCreator';
import { withTransaction } from '../../src/db/transaction';
import { AuditEvent } from '../../src/models';
import { services } from '../../src/services';
import { createApplicant, createStaff, enterpriseForm, residentForm, unique, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';

interface ErrorReply {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

const HEADER = [
  '报装编号',
  '单位名称',
  '申请时间',
  '报装类型',
  '建筑面积(㎡)',
  '状态',
  '历时',
  '是否超时',
  '用户类型',
  '受理方式',
  '联系人',
  '联系电话',
  '申请用水地址',
  '当前办理',
];

let server: TestServer;
let clerk: TestUser;
let designer: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  clerk = await createStaff(server.url, ['window_clerk'], '王芳');
  designer = await createStaff(server.url, ['designer'], '陈静');
});
afterAll(() => server.close());

/** Downloads the export as the browser does and opens it with exceljs. */
async function download(user: TestUser, query: string) {
  const res = await fetch(`${server.url}/api/exports/applications.xlsx?${query}`, { headers: { authorization: `Bearer ${user.token}` } });
  const buffer = Buffer.from(await res.arrayBuffer());
  const workbook = new ExcelJS.Workbook();
  if (res.status === 200) {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  }
  return { res, workbook, text: res.status === 200 ? '' : buffer.toString('utf8') };
}

function values(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const cells = (row.values as unknown[]).slice(1);
    // Trailing empty cells are not stored: pad to the header's width.
    rows.push(
      Array.from({ length: Math.max(cells.length, HEADER.length) }, (_, i) =>
        cells[i] === null || cells[i] === undefined ? '' : String(cells[i]),
      ),
    );
  });
  return rows;
}

function createAt(form: ApplicationForm, at: Date) {
  return withTransaction(services().sequelize, (t) =>
    createApplication({ form, channel: 'window', actor: clerk.auth, applicantUserId: null, now: at }, t),
  );
}

describe('导出数据 (GET /api/exports/applications.xlsx)', () => {
  it('exports the filtered list with the manual columns, red 历时 when overdue, and audits it', async () => {
    const tag = unique('导出');
    const old = await createAt(
      applicationFormSchema.parse(enterpriseForm({ name: `${tag}旧`, buildingArea: 1234.5 })),
      new Date(Date.now() - 40 * 86_400_000),
    );
    const fresh = (await clerk.api.post<{ data: { number: string } }>('/api/applications', residentForm({ name: `${tag}新` }))).body.data;
    await clerk.api.post('/api/applications', enterpriseForm({ name: unique('别的单位') }));

    const { res, workbook } = await download(clerk, `q=${encodeURIComponent(tag)}&sort=oldest`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; .*filename\*=UTF-8''%E6%8A%A5%E8%A3%85%E5%88%97%E8%A1%A8-\d{12}\.xlsx$/,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');

    const sheet = workbook.getWorksheet('报装列表');
    if (!sheet) {
      throw new Error('sheet missing');
    }
    const rows = values(sheet);
    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3], r[5], r[8], r[9]])).toEqual([
      [old.number, `${tag}旧`, '基建(施工)用水', '待派工', '企业单位', '窗口受理'],
      [fresh.number, `${tag}新`, '永久性用水', '现场勘察', '居民', '窗口受理'],
    ]);
    // 建筑面积 stays a number; 申请时间 in China time as the list shows it.
    expect(sheet.getRow(2).getCell(5).value).toBe(1234.5);
    expect(rows[1]?.[2]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    // Forty days in 待派工 is far past its threshold: 历时 in red, 是否超时 says so.
    expect(rows[1]?.[6]).toMatch(/^(39|40)天\d+小时$/);
    expect(rows[1]?.[7]).toBe('超时');
    expect(sheet.getRow(2).getCell(7).font?.color?.argb).toBe('FFCF1322');
    expect(rows[2]?.[6]).toBe('0小时');
    expect(rows[2]?.[7]).toBe('');
    // The window clerk calls customers: full phone numbers.
    expect(rows[1]?.[11]).toBe('13912345678');

    const about = values(workbook.getWorksheet('导出说明') as ExcelJS.Worksheet).map((r) => r.slice(0, 2));
    expect(about).toEqual(
      expect.arrayContaining([
        ['导出人', '王芳'],
        ['记录数', '2'],
        ['关键字', tag],
        ['排序', '申请时间从早到晚'],
      ]),
    );

    const audit = await AuditEvent.findOne({
      where: { action: 'applications.export', actorUserId: clerk.user.id },
      order: [['id', 'DESC']],
    });
    expect(audit?.data).toEqual({ filters: { q: tag, sort: 'oldest' }, rows: 2, total: 2 });
  });

  it('masks phone numbers for roles that do not contact customers, as the list does', async () => {
    const tag = unique('脱敏');
    await clerk.api.post('/api/applications', enterpriseForm({ name: tag, contactPhone: '13812345678' }));
    const list = await designer.api.get<{ data: { contactPhone: string }[] }>(`/api/applications?q=${encodeURIComponent(tag)}`);
    const { workbook } = await download(designer, `q=${encodeURIComponent(tag)}`);
    const rows = values(workbook.getWorksheet('报装列表') as ExcelJS.Worksheet);
    expect(rows[1]?.[11]).toBe('138****5678');
    expect(rows[1]?.[11]).toBe(list.body.data[0]?.contactPhone);
  });

  it('applies the list filters (kind, state, overdue) and ignores paging', async () => {
    const tag = unique('筛选');
    await createAt(applicationFormSchema.parse(enterpriseForm({ name: `${tag}甲` })), new Date(Date.now() - 40 * 86_400_000));
    await clerk.api.post('/api/applications', enterpriseForm({ name: `${tag}乙` }));
    await clerk.api.post('/api/applications', residentForm({ name: `${tag}丙` }));
    const names = async (query: string) =>
      values((await download(clerk, `q=${encodeURIComponent(tag)}&${query}`)).workbook.getWorksheet('报装列表') as ExcelJS.Worksheet)
        .slice(1)
        .map((r) => r[1])
        .sort();
    expect(await names('kind=resident')).toEqual([`${tag}丙`]);
    expect(await names('state=dispatching')).toEqual([`${tag}甲`, `${tag}乙`].sort());
    expect(await names('overdue=true')).toEqual([`${tag}甲`]);
    expect(await names('page=2&pageSize=1')).toEqual([`${tag}丙`, `${tag}甲`, `${tag}乙`].sort());
  });

  it('streams lists longer than one batch completely and in order', async () => {
    const tag = unique('批量');
    const numbers = await withTransaction(services().sequelize, async (t) => {
      const created: string[] = [];
      for (let i = 0; i < 505; i++) {
        const app = await createApplication(
          {
            form: applicationFormSchema.parse(enterpriseForm({ name: `${tag}-${i}` })),
            channel: 'window',
            actor: clerk.auth,
            applicantUserId: null,
          },
          t,
        );
        created.push(app.number);
      }
      return created;
    });
    const { res, workbook } = await download(clerk, `q=${encodeURIComponent(tag)}&sort=number`);
    expect(res.headers.get('x-export-rows')).toBe('505');
    const rows = values(workbook.getWorksheet('报装列表') as ExcelJS.Worksheet).slice(1);
    expect(rows.map((r) => r[0])).toEqual([...numbers].sort());
  }, 60_000);

  it('refuses applicants and bad filters with Chinese messages', async () => {
    const applicant = await createApplicant(server.url);
    const forbidden = await download(applicant, '');
    expect(forbidden.res.status).toBe(403);
    expect((JSON.parse(forbidden.text) as ErrorReply).error.message).toBe('仅限工作人员使用');

    const bad = await download(clerk, 'sort=sideways&from=yesterday');
    expect(bad.res.status).toBe(400);
    expect((JSON.parse(bad.text) as ErrorReply).error.details).toEqual(
      expect.arrayContaining([
        { path: 'sort', message: '排序方式不正确' },
        { path: 'from', message: '开始日期格式应为 年-月-日' },
      ]),
    );
    const anonymous = await fetch(`${server.url}/api/exports/applications.xlsx`);
    expect(anonymous.status).toBe(401);
  });
});
