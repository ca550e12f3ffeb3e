import ExcelJS from 'exceljs';
import { applicationFormSchema, DEFAULT_BILLING_COLUMNS, type ApplicationForm, type BillingColumn } from '@wc/shared';
import { createApplication } from '../../src/commands/applicationCreator';
import { withTransaction } from '../../src/db/transaction';
import { AuditEvent, type Application } from '../../src/models';
import { services } from '../../src/services';
import { createApplicant, createStaff, enterpriseForm, residentForm, unique, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';

/** 立户导出 (issue G6): completed applications for the billing system, under the administrator's column names. */
interface ErrorReply {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

let server: TestServer;
let admin: TestUser;
let clerk: TestUser;
let noRoles: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await createStaff(server.url, ['admin'], '管理员');
  clerk = await createStaff(server.url, ['window_clerk'], '王芳');
  noRoles = await createStaff(server.url, [], '停岗人员');
});
afterAll(() => server.close());

/** An application completed on `day` (China date) with the meter a resident's constructor records or the sheet holds. */
async function completed(form: ApplicationForm, day: string, meter: Partial<Application>): Promise<Application> {
  const app = await withTransaction(services().sequelize, (t) =>
    createApplication({ form, channel: 'window', actor: clerk.auth, applicantUserId: null }, t),
  );
  await app.update({ ...meter, state: 'completed', completedAt: new Date(`${day}T15:30:00+08:00`) });
  return app;
}

function get(user: TestUser, path: string) {
  return fetch(`${server.url}/api${path}`, { headers: { authorization: `Bearer ${user.token}` } });
}

/** RFC 4180 rows of a CSV text (the export quotes cells holding commas, quotes or line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('立户导出', () => {
  const tag = unique('立户');
  const columns: BillingColumn[] = [
    { field: 'name', header: 'HUMING', included: true },
    { field: 'meterNumber', header: 'BIAOHAO', included: true },
    { field: 'initialReading', header: 'QSDS', included: true },
    { field: 'waterAddress', header: 'YSDZ', included: true },
    { field: 'contactPhone', header: 'LXDH', included: true },
    { field: 'meterCaliber', header: 'KJ', included: true },
    { field: 'completedOn', header: 'TSRQ', included: true },
    ...DEFAULT_BILLING_COLUMNS.filter(
      (c) => !['name', 'meterNumber', 'initialReading', 'waterAddress', 'contactPhone', 'meterCaliber', 'completedOn'].includes(c.field),
    ).map((c) => ({ ...c, included: false })),
  ];
  const HEADERS = ['HUMING', 'BIAOHAO', 'QSDS', 'YSDZ', 'LXDH', 'KJ', 'TSRQ'];

  beforeAll(async () => {
    // A resident (登记水表) and an enterprise (meter on the dispatch sheet) completed in the range,
    // one completed the day after it, and one still under construction.
    await completed(
      applicationFormSchema.parse(residentForm({ name: `${tag}张三`, waterAddress: '广州市越秀区东风中路88号3栋601, "东门"' })),
      '2031-03-01',
      {
        meter: { number: '00123', caliber: 'DN20', model: 'LXS-20E', initialReading: 2.5 },
      },
    );
    await completed(applicationFormSchema.parse(enterpriseForm({ name: `${tag}公司` })), '2031-03-31', {
      dispatchSheet: {
        materials: [{ name: '球墨铸铁管', spec: 'DN100', unit: '米', quantity: 10 }],
        meter: { number: 'SB-9', caliber: 'DN100', model: 'LXS-100', initialReading: 0 },
      },
    });
    await completed(applicationFormSchema.parse(residentForm({ name: `${tag}四月` })), '2031-04-01', {});
  });

  it('lets only administrators change the columns, refuses empty and duplicate names in Chinese, and audits the change', async () => {
    const refused = await clerk.api.put<ErrorReply>('/api/settings/billing-export', { columns });
    expect(refused.status).toBe(403);

    const bad = columns.map((c, i) => (i === 1 ? { ...c, header: '  ' } : i === 3 ? { ...c, header: 'HUMING' } : c));
    const invalid = await admin.api.put<ErrorReply>('/api/settings/billing-export', { columns: bad });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'columns.1.header', message: '请填写列名' },
        { path: 'columns.3.header', message: '列名与第1列重复' },
      ]),
    );

    const saved = await admin.api.put<{ data: BillingColumn[] }>('/api/settings/billing-export', { columns });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toEqual(columns);
    // Staff who may export read the same columns (the page previews the header row).
    const read = await clerk.api.get<{ data: BillingColumn[] }>('/api/settings/billing-export');
    expect(read.body.data).toEqual(columns);
    const audit = await AuditEvent.findOne({ where: { action: 'settings.billing_export' }, order: [['id', 'DESC']] });
    expect(audit?.actorUserId).toBe(admin.auth.id);
  });

  it('exports CSV in UTF-8 with a BOM and CRLF, the custom headers in order, completed applications of the range only, and audits it', async () => {
    const res = await get(clerk, '/exports/billing.csv?from=2031-03-01&to=2031-03-31');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const rows = parseCsv(text).filter((r, i) => i === 0 || r[0]?.startsWith(tag));
    expect(rows).toEqual([
      HEADERS,
      [`${tag}张三`, '00123', '2.5', '广州市越秀区东风中路88号3栋601, "东门"', '13712345678', 'DN20', '2031-03-01'],
      [`${tag}公司`, 'SB-9', '0', expect.any(String), expect.any(String), 'DN100', '2031-03-31'],
    ]);

    const audit = await AuditEvent.findOne({ where: { action: 'billing.export' }, order: [['id', 'DESC']] });
    expect(audit).toMatchObject({ actorUserId: clerk.auth.id });
    expect(audit?.data).toMatchObject({ from: '2031-03-01', to: '2031-03-31', format: 'csv' });
    expect(Number(audit?.data.rows)).toBeGreaterThanOrEqual(2);
    // The 审计日志 says it in words.
    const log = await admin.api.get<{ data: { actionLabel: string; summary: string }[] }>('/api/audit?action=billing.export');
    expect(log.body.data[0]).toMatchObject({
      actionLabel: '立户导出',
      summary: expect.stringMatching(/^CSV 导出 \d+ 条，完成日期 2031-03-01 至 2031-03-31$/),
    });
  });

  it('exports the same as Excel', async () => {
    const res = await get(clerk, '/exports/billing.xlsx?from=2031-03-01&to=2031-03-31');
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows: string[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    expect(rows[0]).toEqual(HEADERS);
    expect(rows.filter((r) => r[0]?.startsWith(tag))).toEqual([
      [`${tag}张三`, '00123', '2.5', '广州市越秀区东风中路88号3栋601, "东门"', '13712345678', 'DN20', '2031-03-01'],
      [`${tag}公司`, 'SB-9', '0', expect.any(String), expect.any(String), 'DN100', '2031-03-31'],
    ]);
  });

  it('refuses those who may not export, and a reversed range', async () => {
    expect((await get(noRoles, '/exports/billing.csv?from=2031-03-01&to=2031-03-31')).status).toBe(403);
    const applicant = await createApplicant(server.url, 'resident');
    expect([401, 403]).toContain((await get(applicant, '/exports/billing.xlsx?from=2031-03-01&to=2031-03-31')).status);
    const reversed = await get(clerk, '/exports/billing.csv?from=2031-04-01&to=2031-03-01');
    expect(reversed.status).toBe(400);
    expect(((await reversed.json()) as ErrorReply).error.details).toEqual([{ path: 'to', message: '开始日期不能晚于结束日期' }]);
  });
});
