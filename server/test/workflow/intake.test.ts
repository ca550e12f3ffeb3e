import { HistoryEntry, OutboxMessage } from '../../src/models';
import { createApplicant, createStaff, enterpriseForm, residentForm, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import { act, history, must, type AppView, type ErrorReply } from '../support/workflow';

let server: TestServer;
let reviewer: TestUser;
let techHead: TestUser;
let clerk: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  [reviewer, techHead, clerk] = await Promise.all([
    createStaff(server.url, ['reviewer'], '李娜'),
    createStaff(server.url, ['tech_head'], '张伟'),
    createStaff(server.url, ['window_clerk'], '王芳'),
  ]);
});
afterAll(() => server.close());

async function submitted(kind: 'enterprise' | 'resident' = 'enterprise') {
  const applicant = await createApplicant(server.url, kind);
  const res = await applicant.api.post<{ data: AppView }>('/api/applications', kind === 'enterprise' ? enterpriseForm() : residentForm());
  return { applicant, app: res.body.data };
}

describe('review of self-submitted applications', () => {
  it('approves into dispatch, and the applicant is told', async () => {
    const { app } = await submitted();
    expect(app.availableActions.map((a) => a.key)).toEqual(['withdraw']);
    const after = await must(reviewer.api, app.id, 'approve');
    expect(after).toMatchObject({ state: 'dispatching', stateLabel: '待派工', version: app.version + 1 });
    const events = await OutboxMessage.findAll({ where: { applicationId: app.id, audience: 'applicant' }, order: [['id', 'ASC']] });
    expect(events.map((e) => e.event)).toEqual(['submitted', 'accepted']);
    expect(events[1]?.payload).toMatchObject({ title: '申请已受理', text: expect.stringContaining(app.number) });
  });

  it('returns with a reason, lets the applicant correct and resubmit, and refuses a return without reason', async () => {
    const { app, applicant } = await submitted();
    const noReason = await act(reviewer.api, app.id, 'return', {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toBe('请填写「退回」的原因或意见');
    expect(await HistoryEntry.count({ where: { applicationId: app.id } })).toBe(1);

    const returned = await must(reviewer.api, app.id, 'return', { comment: '请补充营业执照' });
    expect(returned.state).toBe('returned');
    const mine = await applicant.api.get<{ data: AppView }>(`/api/applications/${app.id}`);
    expect(mine.body.data.availableActions.map((a) => a.key)).toEqual(['resubmit', 'withdraw']);

    const edited = await applicant.api.patch<{ data: AppView }>(
      `/api/applications/${app.id}`,
      enterpriseForm({ name: '更正后的单位名称' }),
    );
    expect(edited.status).toBe(200);
    expect(edited.body.data.name).toBe('更正后的单位名称');
    const again = await must(applicant.api, app.id, 'resubmit');
    expect(again.state).toBe('submitted');

    const steps = await history(applicant.api, app.id);
    expect(steps.map((s) => [s.actionLabel, s.toState, s.comment])).toEqual([
      ['提交申请', 'submitted', null],
      ['退回', 'returned', '请补充营业执照'],
      ['修改申请', 'returned', null],
      ['重新提交', 'submitted', null],
    ]);
  });

  it('lets the applicant withdraw before dispatch but not after', async () => {
    const { app, applicant } = await submitted();
    expect((await must(applicant.api, app.id, 'withdraw')).state).toBe('withdrawn');
    const other = await submitted();
    await must(reviewer.api, other.app.id, 'approve');
    await must(techHead.api, other.app.id, 'dispatch');
    const late = await act(other.applicant.api, other.app.id, 'withdraw');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ACTION_NOT_ALLOWED');
  });

  it('refuses review by someone without the reviewer role, and changes nothing', async () => {
    const { app } = await submitted();
    const res = await act(techHead.api, app.id, 'approve');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('您没有权限执行「审核通过」');
    const after = await reviewer.api.get<{ data: AppView }>(`/api/applications/${app.id}`);
    expect(after.body.data).toMatchObject({ state: 'submitted', version: app.version });
  });

  it('hides another applicant’s application behind 404 also for actions', async () => {
    const { app } = await submitted();
    const stranger = await createApplicant(server.url);
    const res = await act(stranger.api, app.id, 'withdraw');
    expect(res.status).toBe(404);
  });
});

describe('dispatch (确认派工)', () => {
  it('assigns the next steps to chosen staff, and refuses someone without the step’s role', async () => {
    const created = await clerk.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
    const surveyor = await createStaff(server.url, ['surveyor'], '刘洋');
    const designer = await createStaff(server.url, ['designer'], '陈静');
    const wrong = await act(techHead.api, created.body.data.id, 'dispatch', { assignees: { surveying: designer.user.id } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([{ path: 'assignees.surveying', message: '所选人员不能办理「现场勘察」' }]);

    const after = await must(techHead.api, created.body.data.id, 'dispatch', {
      assignees: { surveying: surveyor.user.id, designing: designer.user.id },
    });
    expect(after.state).toBe('surveying');
    expect(after.step.assignee).toEqual({ id: surveyor.user.id, name: '刘洋' });
    const work = await surveyor.api.get<{ data: AppView[] }>('/api/worklist');
    expect(work.body.data.map((a) => a.id)).toContain(created.body.data.id);
    // the assignee's own list and detail name them too
    expect(work.body.data.find((a) => a.id === created.body.data.id)?.step.assignee).toEqual({ id: surveyor.user.id, name: '刘洋' });
    const own = await surveyor.api.get<{ data: AppView }>(`/api/applications/${created.body.data.id}`);
    expect(own.body.data.step.assignee).toEqual({ id: surveyor.user.id, name: '刘洋' });
    const otherSurveyor = await createStaff(server.url, ['surveyor']);
    const notMine = await otherSurveyor.api.get<{ data: AppView[] }>('/api/worklist');
    expect(notMine.body.data.map((a) => a.id)).not.toContain(created.body.data.id);
  });

  it('sends a rejected dispatch back to the start, where the window clerk resubmits it to dispatch', async () => {
    const created = await clerk.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
    const back = await must(techHead.api, created.body.data.id, 'reject_dispatch', { comment: '用水地址不在供水范围' });
    expect(back.state).toBe('returned');
    expect(back.step.handlerRole).toBe('window_clerk');
    expect((await must(clerk.api, created.body.data.id, 'resubmit')).state).toBe('dispatching');
  });

  it('moves a resident straight from review to survey', async () => {
    const { app } = await submitted('resident');
    expect((await must(reviewer.api, app.id, 'approve')).state).toBe('surveying');
  });
});

describe('transfer to a colleague (转交)', () => {
  it('hands the step over, keeps its clock and records it', async () => {
    const created = await clerk.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
    const colleague = await createStaff(server.url, ['tech_head'], '赵副主任');
    const res = await techHead.api.post<{ data: AppView }>(`/api/applications/${created.body.data.id}/transfer`, {
      userId: colleague.user.id,
      comment: '出差',
    });
    expect(res.status).toBe(200);
    expect(res.body.data.step.assignee).toEqual({ id: colleague.user.id, name: '赵副主任' });
    expect(res.body.data.state).toBe('dispatching');
    const steps = await history(techHead.api, created.body.data.id);
    expect(steps.at(-1)).toMatchObject({ action: 'transfer', comment: '出差', payload: expect.objectContaining({ toName: '赵副主任' }) });
    const refused = await techHead.api.post<ErrorReply>(`/api/applications/${created.body.data.id}/transfer`, { userId: reviewer.user.id });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('转交对象必须是在职的技术部门负责人');
  });
});
