import ExcelJS from 'exceljs';
import { applicationFormSchema, type ApplicationForm } from '@wc/shared';
import type { Application } from '../../src/models';
import { createApplicant, createStaff, residentForm, type TestUser } from '../support/factories';
import { createCrew, type Crew } from '../support/journey';
import { jpeg, pdf } from '../support/sampleFiles';
import { mustUpload } from '../support/uploads';
import { startTestServer, type TestServer } from '../support/testServer';
import { actAt, at, createAt, walkFromSurvey } from './walk';

/**
 * 获得用水 report over applications walked to completion at chosen instants (the API always uses
 * the present, so the actions run through the same command the API calls, at a given `now`). The
 * window is in 2044, far from other test files' data on the shared MariaDB database; Monday
 * 2044-03-07 is entered as a holiday.
 */

interface Figure {
  value: number | null;
  target: number | null;
  met: boolean | null;
}
interface Group {
  key: string;
  period: string;
  kind: string;
  channel: string;
  route: string;
  routeLabel: string;
  count: number;
  steps: Figure;
  workdays: Figure & { median: number | null };
  utilityWorkdays: Figure & { median: number | null };
  budget: number | null;
  cost: Figure;
  documents: Figure;
  visits: Figure;
}
interface Row {
  id: number;
  number: string;
  steps: number;
  procedureLabels: string[];
  workdays: number;
  utilityWorkdays: number;
  budget: number | null;
  cost: number | null;
  documents: number;
  documentLabels: string[];
  visits: number;
  within: Record<string, boolean | null>;
}
interface ErrorReply {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

let server: TestServer;
let crew: Crew;
let applicant: TestUser;
const apps: Record<'a' | 'b' | 'c', Application | undefined> = { a: undefined, b: undefined, c: undefined };

const WINDOW = 'from=2044-03-01&to=2044-03-31';

async function setTargets(resident: Record<string, number | null>) {
  const res = await crew.admin.api.put<{ data: unknown } & ErrorReply>('/api/report/targets', {
    targets: [
      {
        kind: 'resident',
        route: 'standard',
        maxSteps: 4,
        maxWorkdays: 10,
        maxUtilityWorkdays: 7,
        maxCost: null,
        maxDocuments: 2,
        maxVisits: 1,
        ...resident,
      },
    ],
  });
  expect(res.status).toBe(200);
}

async function report(query = WINDOW, user: TestUser = crew.designer): Promise<Group[]> {
  const res = await user.api.get<{ data: { groups: Group[] } }>(`/api/report?${query}`);
  expect(res.status).toBe(200);
  return res.body.data.groups;
}

async function download(path: string): Promise<ExcelJS.Workbook> {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${crew.leader.token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook;
}

beforeAll(async () => {
  server = await startTestServer();
  crew = await createCrew(server.url);
  applicant = await createApplicant(server.url, 'resident');
  const holiday = await crew.admin.api.put('/api/settings/calendar/2044', {
    entries: [{ date: '2044-03-07', kind: 'holiday', name: '测试假日' }],
  });
  expect(holiday.status).toBe(200);
  await setTargets({});
  const form = (): ApplicationForm => applicationFormSchema.parse(residentForm());

  // A — at the window on Friday 10:00, done on Wednesday 16:00 across a weekend and the Monday holiday.
  const a = await createAt(form(), 'window', crew.window_clerk.auth, at('2044-03-04T10:00:00'));
  await mustUpload(crew.window_clerk.api, a.id, 'id_card', { displayName: '身份证', fileName: 'id.jpg', content: jpeg() });
  await mustUpload(crew.window_clerk.api, a.id, 'property_proof', { displayName: '房产证', fileName: 'p.pdf', content: pdf() });
  await walkFromSurvey(
    crew,
    a,
    {
      survey: '2044-03-04T16:00:00',
      paid: '2044-03-08T10:00:00',
      built: '2044-03-08T16:00:00',
      accepted: '2044-03-09T10:00:00',
      handed: '2044-03-09T16:00:00',
    },
    1850,
  );
  // C — at the window on Wednesday 09:00, done on Thursday 10:00.
  const c = await createAt(form(), 'window', crew.window_clerk.auth, at('2044-03-02T09:00:00'));
  await mustUpload(crew.window_clerk.api, c.id, 'id_card', { displayName: '身份证', fileName: 'id.jpg', content: jpeg() });
  await walkFromSurvey(
    crew,
    c,
    {
      survey: '2044-03-02T12:00:00',
      paid: '2044-03-02T14:00:00',
      built: '2044-03-02T17:00:00',
      accepted: '2044-03-03T09:00:00',
      handed: '2044-03-03T10:00:00',
    },
    2150,
  );
  // B — online, returned once and resubmitted at the window for the applicant.
  const b = await createAt(form(), 'online', applicant.auth, at('2044-03-14T09:00:00'));
  await mustUpload(applicant.api, b.id, 'id_card', { displayName: '身份证', fileName: 'id.jpg', content: jpeg() });
  await actAt(b, 'return', crew.reviewer, at('2044-03-14T11:00:00'), { comment: '地址不清' });
  await actAt(b, 'resubmit', crew.window_clerk, at('2044-03-15T09:00:00'));
  await actAt(b, 'approve', crew.reviewer, at('2044-03-15T10:00:00'));
  await walkFromSurvey(
    crew,
    b,
    {
      survey: '2044-03-15T15:00:00',
      paid: '2044-03-16T09:00:00',
      built: '2044-03-16T15:00:00',
      accepted: '2044-03-17T09:00:00',
      handed: '2044-03-17T13:00:00',
    },
    1600,
  );
  Object.assign(apps, { a, b, c });
}, 180_000);
afterAll(() => server.close());

describe('获得用水 figures per group', () => {
  it('counts steps, working days (weekend and holiday left out), cost, documents and counter visits', async () => {
    await setTargets({});
    const groups = await report(`${WINDOW}&kind=resident`);
    const window = groups.find((g) => g.key === '2044-03|resident|permanent|window|standard');
    expect(window).toMatchObject({
      count: 2,
      routeLabel: '标准流程',
      // 申请受理, 现场勘察, 缴费, 验收通水.
      steps: { value: 4, target: 4, met: true },
      // A: Fri 14h + Tue 24h + Wed 16h = 2.25 (calendar time 5.25 days); C: 25h = 1.0.
      workdays: { median: 1, value: 2.3, target: 10, met: true },
      // A: survey 6h + construction 6h + acceptance 18h + handover 6h = 1.5; C: 23h = 1.0.
      utilityWorkdays: { median: 1, value: 1.5, target: 7, met: true },
      budget: 2000,
      cost: { value: 2000, target: null, met: null },
      documents: { value: 1.5, target: 2, met: true },
      visits: { value: 1, target: 1, met: true },
    });
    const online = groups.find((g) => g.key === '2044-03|resident|permanent|online|standard');
    expect(online).toMatchObject({
      count: 1,
      steps: { value: 4 },
      // Mon 09:00 → Thu 13:00; utility: 2h + 1h + 5h + 6h + 18h + 4h = 36h.
      workdays: { median: 3.2, value: 3.2 },
      utilityWorkdays: { value: 1.5 },
      documents: { value: 1 },
      visits: { value: 1, met: true },
    });
    expect(groups.every((g) => g.period === '2044-03')).toBe(true);

    const whole = await report(`${WINDOW}&groupBy=range&channel=window`);
    expect(whole).toHaveLength(1);
    expect(whole[0]).toMatchObject({ period: 'range', count: 2, channel: 'window' });
    expect(await report(`${WINDOW}&route=fast`)).toEqual([]);
  });

  it('turns a figure red when the administrator tightens its target', async () => {
    await setTargets({ maxSteps: 2, maxWorkdays: 2, maxUtilityWorkdays: 1.5, maxCost: 1900 });
    const window = (await report(`${WINDOW}&channel=window`)).find((g) => g.route === 'standard');
    expect(window?.steps).toEqual({ value: 4, target: 2, met: false });
    expect(window?.workdays).toMatchObject({ value: 2.3, target: 2, met: false });
    expect(window?.utilityWorkdays).toMatchObject({ value: 1.5, target: 1.5, met: true });
    expect(window?.cost).toEqual({ value: 2000, target: 1900, met: false });
    await setTargets({});
  });

  it('opens the applications behind a figure, worst first, each judged on its own', async () => {
    await setTargets({ maxWorkdays: 2 });
    const res = await crew.cashier.api.get<{ data: Row[] }>(
      `/api/report/rows?${WINDOW}&period=2044-03&kind=resident&waterType=permanent&channel=window&route=standard&figure=workdays`,
    );
    expect(res.status).toBe(200);
    expect(res.body.data.map((r) => r.id)).toEqual([apps.a!.id, apps.c!.id]);
    expect(res.body.data[0]).toMatchObject({
      number: apps.a!.number,
      steps: 4,
      procedureLabels: ['申请受理', '现场勘察', '缴费', '验收通水'],
      workdays: 2.3,
      utilityWorkdays: 1.5,
      budget: 1850,
      cost: 1850,
      documents: 2,
      documentLabels: expect.arrayContaining(['身份证', '产权证明']),
      visits: 1,
      within: { workdays: false, steps: true, visits: true, cost: null },
    });
    expect(res.body.data[1]?.within.workdays).toBe(true);
    await setTargets({});
  });
});

describe('Excel', () => {
  it('exports the report and its rows, read back with the same library', async () => {
    await setTargets({ maxWorkdays: 2 });
    const book = await download(`/api/report/report.xlsx?${WINDOW}&kind=resident&channel=window`);
    const sheet = book.getWorksheet('获得用水')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('期间');
    const row = sheet.getRow(2);
    const values = (row.values as unknown[]).slice(1);
    expect(values.slice(0, 6)).toEqual(['2044年3月', '居民', '永久性用水', '窗口受理', '标准流程', 2]);
    expect(row.getCell(10).value).toBe(2.3);
    expect(row.getCell(11).value).toBe(2);
    expect((row.getCell(10).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(row.getCell(22).value).toBe('总时间(工作日)');

    const rows = await download(`/api/report/rows.xlsx?${WINDOW}&period=2044-03&kind=resident&channel=window&route=standard`);
    const list = rows.getWorksheet('办结申请')!;
    expect(list.rowCount).toBe(3);
    const numbers = [list.getRow(2).getCell(1).value, list.getRow(3).getCell(1).value];
    expect(numbers.sort()).toEqual([apps.a!.number, apps.c!.number].sort());
    await setTargets({});
  });
});

describe('who may see it', () => {
  it('refuses applicants and staff without a role; only administrators change targets, with Chinese field errors', async () => {
    const forbidden = await applicant.api.get<ErrorReply>(`/api/report?${WINDOW}`);
    expect(forbidden.status).toBe(403);
    const roleless = await createStaff(server.url, []);
    expect((await roleless.api.get(`/api/report?${WINDOW}`)).status).toBe(403);
    expect((await roleless.api.get(`/api/report/rows?${WINDOW}`)).status).toBe(403);
    expect((await applicant.api.get(`/api/report/report.xlsx?${WINDOW}`)).status).toBe(403);

    type Targets = { data: { kind: string; route: string; maxSteps: number | null }[] };
    const fastSteps = async () =>
      (await crew.leader.api.get<Targets>('/api/report/targets')).body.data.find((t) => t.kind === 'resident' && t.route === 'fast')
        ?.maxSteps;
    const before = await fastSteps();
    expect(typeof before).toBe('number');
    const notAdmin = await crew.leader.api.put<ErrorReply>('/api/report/targets', {
      targets: [
        {
          kind: 'resident',
          route: 'fast',
          maxSteps: 9,
          maxWorkdays: 9,
          maxUtilityWorkdays: 9,
          maxCost: null,
          maxDocuments: 9,
          maxVisits: 9,
        },
      ],
    });
    expect(notAdmin.status).toBe(403);
    const bad = await crew.admin.api.put<ErrorReply>('/api/report/targets', {
      targets: [
        {
          kind: 'resident',
          route: 'fast',
          maxSteps: -1,
          maxWorkdays: 4,
          maxUtilityWorkdays: 3,
          maxCost: null,
          maxDocuments: 2,
          maxVisits: 1.5,
        },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'targets.0.maxSteps', message: '环节数目标不能小于0' },
        { path: 'targets.0.maxVisits', message: '到柜台次数目标应为整数' },
      ]),
    );
    // Neither refused change touched the stored targets.
    expect(await fastSteps()).toBe(before);

    const audit = await crew.admin.api.get<{ data: { items?: { action: string }[] } | { action: string }[] }>(
      '/api/audit?action=settings.report_targets',
    );
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain('修改获得用水目标');
    expect(JSON.stringify(audit.body)).toContain('修改 1 行目标');
    const exports = await crew.admin.api.get('/api/audit?action=report.export');
    expect(JSON.stringify(exports.body)).toContain('获得用水报表');
    expect(JSON.stringify(exports.body)).toMatch(/报表 2044-03-01 至 2044-03-31，1 行/);
  });
});
