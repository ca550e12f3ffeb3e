import { randomBytes } from 'node:crypto';
import { applicationFormSchema, type ActionKey, type ApplicationForm } from '@wc/shared';
import { createApplication } from '../../src/commands/applicationCreator';
import { performAction } from '../../src/commands/workflow/transitioner';
import { withTransaction } from '../../src/db/transaction';
import { Application, AuditEvent, HistoryEntry } from '../../src/models';
import { services } from '../../src/services';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import { history, must, type AppView, type ErrorReply } from '../support/workflow';

interface Category {
  id: number;
  label: string;
  actions: string[] | null;
  actionsText: string;
  enabled: boolean;
  sortOrder: number;
  usedCount: number;
}
type Settings = { data: { categories: Category[]; actions: { key: string; label: string }[] } } & ErrorReply;
type Offered = AppView['availableActions'][number] & { asksReason: boolean; reasonCategories: { id: number; label: string }[] };

const HOUR = 3600 * 1000;
let server: TestServer;
let admin: TestUser;
let reviewer: TestUser;
let clerk: TestUser;
/** Labels are unique in the whole (shared MariaDB) database: each run has its own. */
const tag = randomBytes(3).toString('hex');

beforeAll(async () => {
  server = await startTestServer();
  [admin, reviewer, clerk] = await Promise.all([
    createStaff(server.url, ['admin'], '赵敏'),
    createStaff(server.url, ['reviewer'], '李娜'),
    createStaff(server.url, ['window_clerk'], '王芳'),
  ]);
});
afterAll(() => server.close());

async function addCategory(label: string, actions: string[] | null = null, enabled = true): Promise<Category> {
  const res = await admin.api.post<Settings>('/api/settings/reason-categories', { label, actions, enabled });
  expect(res.status).toBe(201);
  const added = res.body.data.categories.find((c) => c.label === label);
  if (!added) {
    throw new Error('category not listed');
  }
  return added;
}

async function submitted(): Promise<{ applicant: TestUser; app: AppView }> {
  const applicant = await createApplicant(server.url, 'enterprise');
  const res = await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
  return { applicant, app: res.body.data };
}

const returnAction = (app: AppView): Offered | undefined => app.availableActions.find((a) => a.key === 'return') as Offered | undefined;

describe('returning and rejecting ask a 原因类别', () => {
  it('refuses a return without a category with a field error, and changes nothing', async () => {
    const { app } = await submitted();
    const res = await reviewer.api.post<ErrorReply>(`/api/applications/${app.id}/actions/return`, { comment: '请补充营业执照' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'reasonCategoryId', message: '请选择原因类别' }]);
    expect(await HistoryEntry.count({ where: { applicationId: app.id } })).toBe(1);
    expect((await Application.findByPk(app.id))?.state).toBe('submitted');
  });

  it('offers the enabled categories that apply, and refuses a disabled or another action’s one', async () => {
    const forReturn = await addCategory(`营业执照过期${tag}`, ['return']);
    const forBudget = await addCategory(`单价偏高${tag}`, ['reject_design']);
    const disabled = await addCategory(`旧原因${tag}`, null, false);
    const { app } = await submitted();
    const detail = (await reviewer.api.get<{ data: AppView }>(`/api/applications/${app.id}`)).body.data;
    const offered = returnAction(detail);
    expect(offered?.asksReason).toBe(true);
    const labels = offered?.reasonCategories.map((c) => c.label) ?? [];
    expect(labels).toEqual(expect.arrayContaining(['材料不全', '其他', forReturn.label]));
    expect(labels).not.toContain(forBudget.label);
    expect(labels).not.toContain(disabled.label);
    // 审核通过 asks no reason.
    expect(detail.availableActions.find((a) => a.key === 'approve')).toMatchObject({ asksReason: false, reasonCategories: [] });

    for (const [category, message] of [
      [disabled, `原因类别「${disabled.label}」已停用，请重新选择`],
      [forBudget, `原因类别「${forBudget.label}」不适用于「退回（待审核）」`],
    ] as const) {
      const res = await reviewer.api.post<ErrorReply>(`/api/applications/${app.id}/actions/return`, {
        comment: '请补充',
        reasonCategoryId: category.id,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ path: 'reasonCategoryId', message }]);
    }
    const unknown = await reviewer.api.post<ErrorReply>(`/api/applications/${app.id}/actions/return`, {
      comment: '请补充',
      reasonCategoryId: 999999,
    });
    expect(unknown.body.error.details).toEqual([{ path: 'reasonCategoryId', message: '请选择原因类别' }]);
    expect(await HistoryEntry.count({ where: { applicationId: app.id } })).toBe(1);
  });

  it('records the category in the history, for staff and for the applicant', async () => {
    const category = await addCategory(`产权证明不清晰${tag}`, ['return', 'reject_dispatch']);
    const { app, applicant } = await submitted();
    const returned = await must(reviewer.api, app.id, 'return', { comment: '请重新上传', reasonCategoryId: category.id });
    expect(returned.state).toBe('returned');
    const row = await HistoryEntry.findOne({ where: { applicationId: app.id, action: 'return' } });
    expect(row?.reasonCategoryId).toBe(category.id);
    expect(row?.payload).toEqual({ reason: { id: category.id, label: category.label } });
    const staffView = (await history(reviewer.api, app.id)).find((e) => e.action === 'return') as unknown as { reason: unknown };
    expect(staffView.reason).toEqual({ id: category.id, label: category.label });
    const mine = (await history(applicant.api, app.id)).find((e) => e.action === 'return') as unknown as {
      reason: unknown;
      comment: string;
    };
    expect(mine).toMatchObject({ reason: { id: category.id, label: category.label }, comment: '请重新上传' });

    // Renamed later, the entry keeps the label it was given; the list counts it as in use.
    const renamed = await admin.api.put<Settings>(`/api/settings/reason-categories/${category.id}`, {
      label: `产权证明需更新${tag}`,
      actions: ['return', 'reject_dispatch'],
      enabled: true,
    });
    expect(renamed.body.data.categories.find((c) => c.id === category.id)).toMatchObject({
      label: `产权证明需更新${tag}`,
      usedCount: 1,
      actionsText: '退回（待审核）、不通过（待派工）',
    });
    expect(((await history(reviewer.api, app.id)).find((e) => e.action === 'return') as unknown as { reason: unknown }).reason).toEqual({
      id: category.id,
      label: category.label,
    });
  });
});

describe('系统管理 → 原因类别', () => {
  it('adds, renames, disables, reorders and deletes with Chinese field errors, audited', async () => {
    const list = await admin.api.get<Settings>('/api/settings/reason-categories');
    expect(list.status).toBe(200);
    expect(list.body.data.actions.map((a) => a.key)).toEqual(
      expect.arrayContaining(['return', 'reject_dispatch', 'reject_design', 'reject_stage', 'leader_reject', 'reject_change']),
    );
    expect(list.body.data.actions.map((a) => a.key)).not.toContain('withdraw');

    const empty = await admin.api.post<Settings>('/api/settings/reason-categories', { label: ' ', actions: null, enabled: true });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual([{ path: 'label', message: '请填写原因类别名称' }]);
    const noAction = await admin.api.post<Settings>('/api/settings/reason-categories', { label: `甲${tag}`, actions: [], enabled: true });
    expect(noAction.body.error.details).toEqual([{ path: 'actions', message: '请至少选择一个适用的操作' }]);
    const taken = await admin.api.post<Settings>('/api/settings/reason-categories', { label: '其他', actions: null, enabled: true });
    expect(taken.status).toBe(400);
    expect(taken.body.error.details).toEqual([{ path: 'label', message: '已有原因类别「其他」' }]);

    const first = await addCategory(`水压不足${tag}`);
    const second = await addCategory(`管位冲突${tag}`);
    expect(second.sortOrder).toBeGreaterThan(first.sortOrder);
    const disabled = await admin.api.put<Settings>(`/api/settings/reason-categories/${first.id}`, {
      label: first.label,
      actions: null,
      enabled: false,
    });
    expect(disabled.body.data.categories.find((c) => c.id === first.id)?.enabled).toBe(false);

    const ids = disabled.body.data.categories.map((c) => c.id);
    const reordered = [second.id, ...ids.filter((id) => id !== second.id)];
    const order = await admin.api.put<Settings>('/api/settings/reason-categories/order', { ids: reordered });
    expect(order.status).toBe(200);
    expect(order.body.data.categories[0]?.id).toBe(second.id);

    const removed = await admin.api.request<Settings>('DELETE', `/api/settings/reason-categories/${first.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.data.categories.some((c) => c.id === first.id)).toBe(false);

    const audits = await AuditEvent.findAll({ where: { action: 'settings.reasons', actorUserId: admin.auth.id }, order: [['id', 'ASC']] });
    const summaries = audits.map((a) => String(a.data.summary));
    expect(summaries).toEqual(
      expect.arrayContaining([
        `新增 「水压不足${tag}」，适用：全部，启用`,
        `修改为 「水压不足${tag}」，适用：全部，停用`,
        `删除「水压不足${tag}」`,
      ]),
    );
    expect(summaries.some((s) => s.startsWith('调整顺序：') && s.includes(`管位冲突${tag}`))).toBe(true);
  });

  it('never deletes a category in use: it can be disabled instead', async () => {
    const category = await addCategory(`地址不符${tag}`, ['return']);
    const { app } = await submitted();
    await must(reviewer.api, app.id, 'return', { comment: '地址与产权证不符', reasonCategoryId: category.id });
    const res = await admin.api.request<ErrorReply>('DELETE', `/api/settings/reason-categories/${category.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(`原因类别「${category.label}」已被使用，不能删除，可以停用`);
  });

  it('refuses anyone but an administrator', async () => {
    const before = await AuditEvent.count();
    for (const user of [reviewer, clerk]) {
      expect((await user.api.get('/api/settings/reason-categories')).status).toBe(403);
      expect((await user.api.post('/api/settings/reason-categories', { label: `越权${tag}`, actions: null, enabled: true })).status).toBe(
        403,
      );
    }
    const applicant = await createApplicant(server.url);
    expect((await applicant.api.get('/api/settings/reason-categories')).status).toBe(403);
    expect(await AuditEvent.count()).toBe(before);
  });
});

describe('dashboard: reasons by count and where work waits longest', () => {
  const form = (): ApplicationForm => applicationFormSchema.parse(enterpriseForm());

  function createAt(at: Date): Promise<Application> {
    return withTransaction(services().sequelize, (t) =>
      createApplication({ form: form(), channel: 'window', actor: clerk.auth, applicantUserId: null, now: at }, t),
    );
  }

  function actAt(app: Application, action: ActionKey, actor: TestUser, at: Date, reasonCategoryId?: number) {
    return withTransaction(services().sequelize, (t) =>
      performAction({ applicationId: app.id, action, actor: actor.auth, input: { comment: '意见', reasonCategoryId }, now: at }, t),
    );
  }

  it('counts reasons per action and category, and ranks steps, people and teams by median and P90', async () => {
    const [headA, headB, viewer] = await Promise.all([
      createStaff(server.url, ['tech_head'], `张伟${tag}`),
      createStaff(server.url, ['tech_head'], `刘洋${tag}`),
      createStaff(server.url, ['designer']),
    ]);
    const x = await addCategory(`不在供水范围${tag}`, ['reject_dispatch']);
    const y = await addCategory(`需先补缴欠费${tag}`);
    // A window far in the future keeps other files' history (same MariaDB database) out.
    const start = new Date('2043-07-01T09:00:00+08:00');
    const one = await createAt(start);
    await actAt(one, 'reject_dispatch', headA, new Date(start.getTime() + 2 * HOUR), x.id);
    await actAt(one, 'resubmit', clerk, new Date(start.getTime() + 3 * HOUR));
    await actAt(one, 'reject_dispatch', headA, new Date(start.getTime() + 7 * HOUR), x.id);
    const two = await createAt(start);
    await actAt(two, 'reject_dispatch', headB, new Date(start.getTime() + 10 * HOUR), y.id);

    const reasons = await viewer.api.get<{ data: { total: number; rows: unknown[] } }>('/api/stats/reasons?from=2043-07-01&to=2043-07-31');
    expect(reasons.status).toBe(200);
    expect(reasons.body.data).toEqual({
      from: '2043-07-01',
      to: '2043-07-31',
      total: 3,
      rows: [
        { action: 'reject_dispatch', actionLabel: '不通过（待派工）', categoryId: x.id, label: x.label, count: 2 },
        { action: 'reject_dispatch', actionLabel: '不通过（待派工）', categoryId: y.id, label: y.label, count: 1 },
      ],
    });

    const slow = await viewer.api.get<{ data: Record<string, unknown> }>(
      '/api/stats/slow-steps?from=2043-07-01&to=2043-07-31&kind=enterprise',
    );
    expect(slow.status).toBe(200);
    // 待派工 visits 2, 4 and 10 hours (the 1 hour 已退回 waited is the customer's): nearest ranks 2 and 3.
    expect(slow.body.data).toEqual({
      from: '2043-07-01',
      to: '2043-07-31',
      steps: [{ state: 'dispatching', label: '待派工', count: 3, p50Hours: 4, p90Hours: 10 }],
      people: [
        { userId: headB.auth.id, name: `刘洋${tag}`, count: 1, p50Hours: 10, p90Hours: 10 },
        { userId: headA.auth.id, name: `张伟${tag}`, count: 2, p50Hours: 2, p90Hours: 4 },
      ],
      teams: [{ role: 'tech_head', roleLabel: '技术部门负责人', count: 3, p50Hours: 4, p90Hours: 10 }],
    });

    const applicant = await createApplicant(server.url);
    expect((await applicant.api.get('/api/stats/reasons')).status).toBe(403);
    expect((await applicant.api.get('/api/stats/slow-steps')).status).toBe(403);
  });
});
