import { applicationFormSchema, behaviourOf, type ActionKey, type ApplicationForm } from '@wc/shared';
import { createApplication } from '../../src/commands/applicationCreator';
import { performAction } from '../../src/commands/workflow/transitioner';
import { withTransaction } from '../../src/db/transaction';
import { ReasonCategory, type Application } from '../../src/models';
import { services } from '../../src/services';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';

interface CycleTime {
  flow: string;
  state: string;
  label: string;
  count: number;
  p50Hours: number | null;
  p90Hours: number | null;
  thresholdText: string | null;
  thresholdHours: number | null;
}
interface StateCount {
  state: string;
  label: string;
  count: number;
  overdue: number;
}
interface Dashboard {
  from: string;
  to: string;
  summary: { active: number; overdue: number; created: number; completed: number };
  byState: StateCount[];
  cycleTimes: CycleTime[];
}
interface ErrorReply {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

const HOUR = 3600 * 1000;
let server: TestServer;
let clerk: TestUser;
let techHead: TestUser;
let designer: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  clerk = await createStaff(server.url, ['window_clerk'], '王芳');
  techHead = await createStaff(server.url, ['tech_head'], '张伟');
  designer = await createStaff(server.url, ['designer'], '陈静');
});
afterAll(() => server.close());

const form = (): ApplicationForm => applicationFormSchema.parse(enterpriseForm());

/** A window application created at a chosen instant (the API always uses the present). */
function createAt(form: ApplicationForm, at: Date): Promise<Application> {
  return withTransaction(services().sequelize, (t) =>
    createApplication({ form, channel: 'window', actor: clerk.auth, applicantUserId: null, now: at }, t),
  );
}

async function actAt(app: Application, action: ActionKey, actor: TestUser, at: Date, comment?: string) {
  // Returns and rejections name a 原因类别: 其他, as seeded.
  const reason = behaviourOf(action).reason ? { reasonCategoryId: (await ReasonCategory.findOne({ where: { label: '其他' } }))!.id } : {};
  return withTransaction(services().sequelize, (t) =>
    performAction({ applicationId: app.id, action, actor: actor.auth, input: { ...(comment ? { comment } : {}), ...reason }, now: at }, t),
  );
}

async function dashboard(query = ''): Promise<Dashboard> {
  const res = await designer.api.get<{ data: Dashboard }>(`/api/stats/dashboard${query}`);
  expect(res.status).toBe(200);
  return res.body.data;
}

describe('cycle time per step (P50/P90 vs threshold)', () => {
  it('ranks finished visits of a step on the utility clock inside the chosen window', async () => {
    // A window far in the future keeps other test files' history (same MariaDB database) out.
    const start = new Date('2041-03-01T00:00:00+08:00');
    const app = await createAt(form(), start);
    let at = start.getTime();
    // Ten visits of 待派工, each ended by 不通过 and restarted by the clerk's 重新提交 an hour later.
    for (const hours of [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]) {
      at += hours * HOUR;
      await actAt(app, 'reject_dispatch', techHead, new Date(at), '资料不全');
      at += HOUR;
      await actAt(app, 'resubmit', clerk, new Date(at));
    }

    const march = await dashboard('?from=2041-03-01&to=2041-03-31&kind=enterprise');
    const dispatching = march.cycleTimes.find((c) => c.state === 'dispatching');
    // Sorted 1 1 2 3 3 4 5 5 6 9: nearest rank 5 → 3 hours, rank 9 → 6 hours.
    expect(dispatching).toEqual({
      flow: 'enterprise',
      flowLabel: '企业单位',
      state: 'dispatching',
      label: '待派工',
      count: 10,
      p50Hours: 3,
      p90Hours: 6,
      threshold: { value: 1, unit: 'workdays' },
      thresholdText: '1工作日',
      thresholdHours: 24,
    });
    // Waiting on the customer (已退回) is not the utility's cycle time; other flows are filtered out.
    expect(march.cycleTimes.some((c) => c.state === 'returned')).toBe(false);
    expect(march.cycleTimes.every((c) => c.flow === 'enterprise')).toBe(true);
    expect(march.cycleTimes.find((c) => c.state === 'surveying')).toMatchObject({
      count: 0,
      p50Hours: null,
      p90Hours: null,
      thresholdText: '3工作日',
    });

    const april = await dashboard('?from=2041-04-01&to=2041-04-30&kind=enterprise');
    expect(april.cycleTimes.find((c) => c.state === 'dispatching')).toMatchObject({ count: 0, p50Hours: null });
  });

  it('gives one sample its own value as both P50 and P90, per flow', async () => {
    const start = new Date('2042-06-10T09:00:00+08:00');
    const app = await createAt(form(), start);
    await actAt(app, 'reject_dispatch', techHead, new Date(start.getTime() + 30 * HOUR), '现场无法接水');
    const both = await dashboard('?from=2042-06-01&to=2042-06-30');
    expect(both.cycleTimes.find((c) => c.flow === 'enterprise' && c.state === 'dispatching')).toMatchObject({
      count: 1,
      p50Hours: 30,
      p90Hours: 30,
    });
    expect(both.cycleTimes.some((c) => c.flow === 'resident' && c.state === 'surveying')).toBe(true);
  });
});

describe('counts and overdue per state', () => {
  it('counts running applications per state and those past their threshold', async () => {
    const before = await dashboard();
    const monthAgo = new Date(Date.now() - 30 * 24 * HOUR);
    await createAt(form(), monthAgo);
    await createAt(form(), monthAgo);
    expect((await clerk.api.post('/api/applications', enterpriseForm())).status).toBe(201);
    const after = await dashboard();

    const delta = (d: Dashboard, state: string) => d.byState.find((s) => s.state === state) ?? { count: 0, overdue: 0 };
    expect(delta(after, 'dispatching').count - delta(before, 'dispatching').count).toBe(3);
    expect(delta(after, 'dispatching').overdue - delta(before, 'dispatching').overdue).toBe(2);
    expect(after.summary.active - before.summary.active).toBe(3);
    expect(after.summary.overdue - before.summary.overdue).toBe(2);
    // The 90-day window holds all three (one month old, two today).
    expect(after.summary.created - before.summary.created).toBe(3);
    expect(after.byState.find((s) => s.state === 'dispatching')?.label).toBe('待派工');
    // Every running state keeps its place even at zero, so charts do not jump.
    expect(after.byState.map((s) => s.state)).toEqual(expect.arrayContaining(['submitted', 'settlement', 'leader_approval']));
  });

  it('defaults to the last 90 China days', async () => {
    const d = await dashboard();
    const days = (Date.parse(d.to) - Date.parse(d.from)) / (24 * HOUR);
    expect(days).toBe(89);
  });
});

describe('who may see it and what is refused', () => {
  it('refuses applicants, anonymous callers and a window that ends before it starts', async () => {
    const applicant = await createApplicant(server.url);
    const forbidden = await applicant.api.get<ErrorReply>('/api/stats/dashboard');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toBe('仅限工作人员使用');

    const anonymous = await clerk.api.as('').get<ErrorReply>('/api/stats/dashboard');
    expect(anonymous.status).toBe(401);

    const reversed = await clerk.api.get<ErrorReply>('/api/stats/dashboard?from=2041-05-01&to=2041-04-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details).toEqual([{ path: 'from', message: '开始日期不能晚于结束日期' }]);

    const badDay = await clerk.api.get<ErrorReply>('/api/stats/dashboard?from=1.5.2041');
    expect(badDay.body.error.details).toEqual([{ path: 'from', message: '开始日期格式应为 年-月-日' }]);
  });
});
