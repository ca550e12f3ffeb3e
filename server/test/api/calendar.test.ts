import type { CalendarYearView } from '@wc/shared';
import { Application, AuditEvent } from '../../src/models';
import type { ErrorBody } from '../support/api';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import type { AppView } from '../support/workflow';

const china = (local: string) => new Date(`${local}+08:00`);

let server: TestServer;
let admin: TestUser;
let reviewer: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await createStaff(server.url, ['admin']);
  reviewer = await createStaff(server.url, ['reviewer']);
});
afterAll(() => server.close());

const today = (local: string) => {
  server.running.services.now = () => china(local);
};

// 春节 2027 as this test enters it: Saturday 02-06 … Friday 02-12 off, make-up Sunday 02-14 and Saturday 02-20.
const SPRING_2027 = [
  ...['06', '07', '08', '09', '10', '11', '12'].map((d) => ({ date: `2027-02-${d}`, kind: 'holiday', name: '春节' })),
  { date: '2027-02-14', kind: 'workday', name: '春节调休' },
  { date: '2027-02-20', kind: 'workday', name: '春节调休' },
];

describe('the calendar’s warning in /health', () => {
  it('warns from 60 days before the holiday data ends, and not before', async () => {
    today('2026-10-01T09:00:00');
    const early = await fetch(`${server.url}/health`).then((r) => r.json() as Promise<{ warnings?: string[] }>);
    expect(early.warnings).toBeUndefined();
    today('2026-11-15T09:00:00');
    const late = await fetch(`${server.url}/health`).then((r) => r.json() as Promise<{ warnings?: string[] }>);
    expect(late.warnings).toEqual([expect.stringContaining('工作日历只到2026年底，请在系统管理→工作日历中录入2027年的放假和调休安排')]);
  });
});

describe('the working-day calendar (工作日历)', () => {
  it('is for administrators only', async () => {
    expect((await reviewer.api.get('/api/settings/calendar/2027')).status).toBe(403);
    expect((await reviewer.api.put('/api/settings/calendar/2027', { entries: SPRING_2027 })).status).toBe(403);
  });

  it('shows each day with where its answer comes from', async () => {
    const res = await admin.api.get<{ data: CalendarYearView }>('/api/settings/calendar/2026');
    expect(res.status).toBe(200);
    expect(res.body.data.days).toHaveLength(365);
    expect(res.body.data.days.find((d) => d.date === '2026-10-01')).toMatchObject({ kind: 'holiday', source: 'chinese-days' });
    const next = await admin.api.get<{ data: CalendarYearView }>('/api/settings/calendar/2027');
    expect(next.body.data.days.find((d) => d.date === '2027-02-08')).toMatchObject({ working: true, source: 'weekday-rule' });
  });

  it('moves a running step’s due time when 2027 is entered, audited, and lifts the warning', async () => {
    const set = await admin.api.put('/api/settings/steps/enterprise/submitted', {
      thresholdValue: 3,
      thresholdUnit: 'workdays',
      defaultAssigneeId: null,
    });
    expect(set.status).toBe(200);
    const applicant = await createApplicant(server.url);
    const app = (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm())).body.data;
    // The step was entered on Friday 2027-02-05 10:00 (the day before 春节).
    await Application.update({ stateEnteredAt: china('2027-02-05T10:00:00') }, { where: { id: app.id } });
    await admin.api.put('/api/settings/steps/enterprise/submitted', {
      thresholdValue: 3,
      thresholdUnit: 'workdays',
      defaultAssigneeId: null,
    });
    const dueOf = async () => (await reviewer.api.get<{ data: AppView }>(`/api/applications/${app.id}`)).body.data.step.dueAt;
    expect(await dueOf()).toBe(china('2027-02-10T10:00:00').toISOString()); // weekdays only: Mon 8, Tue 9, Wed 10

    const saved = await admin.api.put<{ data: CalendarYearView }>('/api/settings/calendar/2027', { entries: SPRING_2027 });
    expect(saved.status).toBe(200);
    expect(saved.body.data.entries).toHaveLength(9);
    expect(saved.body.data.days.find((d) => d.date === '2027-02-14')).toMatchObject({ working: true, kind: 'makeup', source: 'entered' });
    // Sunday 14 (make-up), Monday 15, Tuesday 16.
    expect(await dueOf()).toBe(china('2027-02-16T10:00:00').toISOString());

    const audit = await AuditEvent.findOne({ where: { action: 'settings.calendar', targetId: '2027' }, order: [['id', 'DESC']] });
    expect(audit?.actorUserId).toBe(admin.user.id);

    today('2026-12-06T09:00:00');
    await new Promise((r) => setTimeout(r, 1100)); // past the health ping's one-second reuse
    const health = await fetch(`${server.url}/health`).then((r) => r.json() as Promise<{ warnings?: string[] }>);
    expect(health.warnings).toBeUndefined();
    expect(saved.body.data.lastCoveredYear).toBe(2027);

    // Emptying the year again puts the due time back on the weekday rule.
    await admin.api.put('/api/settings/calendar/2027', { entries: [] });
    expect(await dueOf()).toBe(china('2027-02-10T10:00:00').toISOString());
    await admin.api.put('/api/settings/calendar/2027', { entries: SPRING_2027 });
  });

  it('refuses bad rows with a message on each, saving nothing', async () => {
    const res = await admin.api.put<ErrorBody>('/api/settings/calendar/2027', {
      entries: [
        { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
        { date: '2027-02-29', kind: 'holiday', name: '春节' },
        { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
        { date: '2027-10-01', kind: 'workday', name: '' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'entries.1.date', message: '第2行：2027-02-29不是存在的日期（格式：年-月-日）' },
      { path: 'entries.2.date', message: '第3行：2026-10-01不在2027年内' },
      { path: 'entries.3.date', message: '第4行：2027-10-01与第1行重复' },
    ]);
    const after = await admin.api.get<{ data: CalendarYearView }>('/api/settings/calendar/2027');
    expect(after.body.data.entries.map((e) => e.date)).toEqual(SPRING_2027.map((e) => e.date));
    expect((await admin.api.get<ErrorBody>('/api/settings/calendar/1900')).status).toBe(400);
  });
});
