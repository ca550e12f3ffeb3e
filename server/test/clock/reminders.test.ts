import { dueAt } from '../../src/lib/deadlines';
import { CustomerReminder, OutboxMessage } from '../../src/models';
import { scanReminders } from '../../src/workers';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import { must, type AppView } from '../support/workflow';

interface TimelineEntry {
  event: string;
  title: string;
  text: string;
  audience: string;
  status: string;
  delivered: boolean;
  reason: string | null;
}

let server: TestServer;
let admin: TestUser;
let reviewer: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  [admin, reviewer] = await Promise.all([createStaff(server.url, ['admin']), createStaff(server.url, ['reviewer'])]);
});
afterAll(() => server.close());

/** An online application returned to its applicant: 已退回, on the customer's clock. */
async function returnedApplication(): Promise<{ applicant: TestUser; app: AppView }> {
  const applicant = await createApplicant(server.url);
  const created = await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
  const app = await must(reviewer.api, created.body.data.id, 'return', { comment: '营业执照不清晰' });
  return { applicant, app };
}

/** The instant `n` working days after the step was entered, plus a minute. */
function workdaysAfter(app: AppView, n: number): Date {
  const { enteredAt } = app.step as AppView['step'] & { enteredAt: string };
  const at = dueAt(new Date(enteredAt), { value: n, unit: 'workdays' });
  return new Date((at?.getTime() ?? 0) + 60_000);
}

const remindersOf = (id: number) => OutboxMessage.findAll({ where: { applicationId: id, event: 'reminder' }, order: [['id', 'ASC']] });

describe('reminders while the customer holds things up (催办提醒)', () => {
  it('reminds the applicant after 3 working days and again at 7, each exactly once however many scanners run', async () => {
    const { applicant, app } = await returnedApplication();
    expect(app.state).toBe('returned');

    // Two working days: nothing yet.
    await Promise.all([scanReminders(workdaysAfter(app, 2)), scanReminders(workdaysAfter(app, 2))]);
    expect(await remindersOf(app.id)).toHaveLength(0);

    // Three working days, two scanners (as two worker processes): one reminder.
    const third = workdaysAfter(app, 3);
    await Promise.all([scanReminders(third), scanReminders(third), scanReminders(third)]);
    await scanReminders(third);
    const first = await remindersOf(app.id);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ audience: 'applicant', recipientUserId: applicant.user.id });
    expect(first[0]?.payload).toMatchObject({ title: '办理提醒', reminder: 1 });
    expect(first[0]?.payload.text).toBe(`报装${app.number}：申请被退回，请修改后重新提交，已等待超过3个工作日。`);

    // Seven working days: the second reminder, once.
    const seventh = workdaysAfter(app, 7);
    await Promise.all([scanReminders(seventh), scanReminders(seventh)]);
    await scanReminders(seventh);
    const both = await remindersOf(app.id);
    expect(both.map((m) => m.payload.reminder)).toEqual([1, 2]);
    expect(both[1]?.payload.text).toContain('已等待超过7个工作日');

    // The applicant sees them in the application's notification timeline (报装记录).
    const timeline = await applicant.api.get<{ data: TimelineEntry[] }>(`/api/applications/${app.id}/notifications`);
    expect(timeline.status).toBe(200);
    const reminders = timeline.body.data.filter((n) => n.event === 'reminder');
    expect(reminders.map((n) => n.title)).toEqual(['办理提醒', '办理提醒']);
    expect(reminders[0]).toMatchObject({ audience: 'applicant', delivered: false, status: 'pending', reason: '等待发送' });

    // Resubmitted and returned again: a new visit to the step, reminded anew.
    await must(applicant.api, app.id, 'resubmit');
    const again = await must(reviewer.api, app.id, 'return', { comment: '仍缺少授权书' });
    await Promise.all([scanReminders(workdaysAfter(again, 3)), scanReminders(workdaysAfter(again, 3))]);
    expect(await remindersOf(app.id)).toHaveLength(3);
  });

  it('sends only the latest reminder due after a scanner was down, and none once the customer acted', async () => {
    const { applicant, app } = await returnedApplication();
    await scanReminders(workdaysAfter(app, 8));
    const sent = await remindersOf(app.id);
    expect(sent.map((m) => m.payload.reminder)).toEqual([2]);
    expect(await CustomerReminder.count({ where: { applicationId: app.id } })).toBe(2);

    const other = await returnedApplication();
    await must(other.applicant.api, other.app.id, 'resubmit');
    await scanReminders(workdaysAfter(other.app, 8));
    expect(await remindersOf(other.app.id)).toHaveLength(0);
    expect(applicant.user.id).not.toBe(other.applicant.user.id);
  });

  it('lets the administrator set a step’s reminders, refusing unordered ones field by field and changing nothing', async () => {
    const path = '/api/settings/steps/enterprise/returned';
    const before = await admin.api.get<{ data: { flow: string; state: string; reminders: unknown; chase: boolean }[] }>(
      '/api/settings/steps',
    );
    const row = before.body.data.find((s) => s.flow === 'enterprise' && s.state === 'returned');
    expect(row).toMatchObject({
      chase: false,
      reminders: [
        { value: 3, unit: 'workdays' },
        { value: 7, unit: 'workdays' },
      ],
    });

    const bad = await admin.api.put<{ error: { details: { path: string; message: string }[] } }>(path, {
      thresholdValue: null,
      thresholdUnit: 'hours',
      defaultAssigneeId: null,
      reminders: [
        { value: 5, unit: 'workdays' },
        { value: 48, unit: 'hours' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'reminders.1.value', message: '第2次提醒应晚于第1次' }]);
    const onUtility = await admin.api.put<{ error: { details: { path: string; message: string }[] } }>(
      '/api/settings/steps/enterprise/surveying',
      { thresholdValue: 3, thresholdUnit: 'workdays', defaultAssigneeId: null, reminders: [{ value: 1, unit: 'workdays' }] },
    );
    expect(onUtility.body.error.details).toEqual([{ path: 'reminders', message: '只有等待用户的步骤才提醒用户' }]);

    const ok = await admin.api.put<{ data: { reminders: unknown } }>(path, {
      thresholdValue: null,
      thresholdUnit: 'hours',
      defaultAssigneeId: null,
      reminders: [{ value: 1, unit: 'workdays' }],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data.reminders).toEqual([{ value: 1, unit: 'workdays' }]);

    const { app } = await returnedApplication();
    await scanReminders(workdaysAfter(app, 1));
    await scanReminders(workdaysAfter(app, 9));
    expect((await remindersOf(app.id)).map((m) => m.payload.text)).toEqual([expect.stringContaining('已等待超过1个工作日')]);

    // None at all: an empty list.
    await admin.api.put(path, { thresholdValue: null, thresholdUnit: 'hours', defaultAssigneeId: null, reminders: [] });
    const quiet = await returnedApplication();
    await scanReminders(workdaysAfter(quiet.app, 9));
    expect(await remindersOf(quiet.app.id)).toHaveLength(0);
    await admin.api.put(path, {
      thresholdValue: null,
      thresholdUnit: 'hours',
      defaultAssigneeId: null,
      reminders: [
        { value: 3, unit: 'workdays' },
        { value: 7, unit: 'workdays' },
      ],
    });
  });
});
