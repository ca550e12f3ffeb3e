import { EDIT_HISTORY_ACTION, type ApplicationPermissions, type FormChange } from '@wc/shared';
import { verifyChains } from '../../src/commands/integrity';
import { chainHash } from '../../src/lib/hashChain';
import { historyHashContent } from '../../src/commands/workflow/history';
import { Application, AuditEvent, HistoryEntry } from '../../src/models';
import { createApplicant, createStaff, enterpriseForm, residentForm, unique, type TestUser } from '../support/factories';
import { createCrew, design, onlineEnterpriseAtSurvey, survey, type Crew } from '../support/journey';
import { startTestServer, type TestServer } from '../support/testServer';
import { uploadFile } from '../support/uploads';
import { history, must, type AppView, type ErrorReply } from '../support/workflow';
import { pdf } from '../support/sampleFiles';

/**
 * `permissions` on every application: what the viewer may do besides workflow actions, from the
 * policies the routes enforce — so a flag and the route's answer must agree.
 */

type Presented = AppView & { permissions: ApplicationPermissions; contactPhone: string; applicantUserId: number | null };

let server: TestServer;
let crew: Crew;
/** A second technical head: the colleague every transfer hands the step to. */
let otherHead: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  crew = await createCrew(server.url);
  otherHead = await createStaff(server.url, ['tech_head'], '赵副主任');
});
afterAll(() => server.close());

async function detail(user: TestUser, id: number): Promise<Presented> {
  const res = await user.api.get<{ data: Presented }>(`/api/applications/${id}`);
  expect(res.status).toBe(200);
  return res.body.data;
}

async function listed(user: TestUser, app: Presented | AppView): Promise<Presented> {
  const res = await user.api.get<{ data: Presented[]; meta: { permissions: { export: boolean } } }>(
    `/api/applications?number=${app.number}`,
  );
  expect(res.status).toBe(200);
  const row = res.body.data.find((a) => a.id === app.id);
  if (!row) {
    throw new Error(`application ${app.number} not listed`);
  }
  return row;
}

/** An online application of a new applicant, at 待审核. */
async function submittedOnline(form = enterpriseForm()): Promise<{ owner: TestUser; app: Presented }> {
  const owner = await createApplicant(server.url, form.kind);
  const res = await owner.api.post<{ data: Presented }>('/api/applications', form);
  expect(res.status).toBe(201);
  return { owner, app: res.body.data };
}

describe('permissions on list rows and detail', () => {
  it('let the owner and the window clerk edit only while returned; nobody else', async () => {
    const { owner, app } = await submittedOnline();
    const stranger = await createApplicant(server.url);
    const editors = (users: TestUser[]) => Promise.all(users.map(async (u) => (await detail(u, app.id)).permissions.edit));
    const staff = [crew.window_clerk, crew.reviewer, crew.designer, crew.admin];

    expect(await editors([owner, ...staff])).toEqual([false, false, false, false, false]);
    await must(crew.reviewer.api, app.id, 'return', { comment: '请补充营业执照' });
    expect(await editors([owner, ...staff])).toEqual([true, true, false, false, false]);
    // Another applicant does not even see it.
    expect((await stranger.api.get(`/api/applications/${app.id}`)).status).toBe(404);

    // The list carries the same flags as the detail, for each viewer.
    for (const user of [owner, ...staff]) {
      expect((await listed(user, app)).permissions).toEqual((await detail(user, app.id)).permissions);
    }
  });

  it('give staff 其他资料 and export, applicants neither, and name what each may print', async () => {
    const { owner, app } = await submittedOnline();
    expect((await detail(owner, app.id)).permissions).toEqual({
      edit: false,
      transfer: false,
      print: [],
      uploadOther: false,
      // Their own papers, while the application waits for review.
      uploadMaterials: true,
      export: false,
      sendClaimSms: false,
      // 评价服务 only once the application is completed.
      rate: false,
    });
    expect((await detail(crew.designer, app.id)).permissions).toMatchObject({ uploadOther: true, export: true, print: [] });
    const ownList = await owner.api.get<{ meta: { permissions: { export: boolean } } }>('/api/applications');
    const staffList = await crew.designer.api.get<{ meta: { permissions: { export: boolean } } }>('/api/applications');
    expect([ownList.body.meta.permissions.export, staffList.body.meta.permissions.export]).toEqual([false, true]);
  });

  it('offer 预算书 and 施工图设计书 to print once their files are current, to staff only', async () => {
    const { applicant, app } = await onlineEnterpriseAtSurvey(server.url, crew);
    expect((await detail(crew.designer, app.id)).permissions.print).toEqual([]);
    const designed = await design(crew, await survey(crew, app));
    expect(designed.app.state).toBe('confirming');
    for (const user of [crew.designer, crew.window_clerk, crew.cashier]) {
      expect((await detail(user, app.id)).permissions.print).toEqual(['budget', 'design']);
    }
    // The applicant may download both, but printing is the staff page's.
    expect((await detail(applicant, app.id)).permissions.print).toEqual([]);
  });
});

describe('a flag and its route agree', () => {
  it.each<[string, (c: Crew) => TestUser]>([
    ['the technical head', (c) => c.tech_head],
    ['an administrator', (c) => c.admin],
    ['a designer', (c) => c.designer],
    ['the window clerk', (c) => c.window_clerk],
    ['a reviewer', (c) => c.reviewer],
  ])('转交 by %s: allowed exactly when permissions.transfer is true', async (who, pick) => {
    const user = pick(crew);
    const created = await crew.window_clerk.api.post<{ data: Presented }>('/api/applications', enterpriseForm());
    const flag = (await detail(user, created.body.data.id)).permissions.transfer;
    const res = await user.api.post<ErrorReply>(`/api/applications/${created.body.data.id}/transfer`, { userId: otherHead.user.id });
    expect(res.status).toBe(flag ? 200 : 403);
    expect(flag).toBe(['the technical head', 'an administrator'].includes(who));
  });

  it('refuses 转交 once the flow has ended, as the flag says, even to an administrator', async () => {
    const created = await crew.window_clerk.api.post<{ data: Presented }>('/api/applications', enterpriseForm());
    expect((await detail(crew.admin, created.body.data.id)).permissions.transfer).toBe(true);
    await must(crew.window_clerk.api, created.body.data.id, 'withdraw');
    expect((await detail(crew.admin, created.body.data.id)).permissions.transfer).toBe(false);
    const res = await crew.admin.api.post<ErrorReply>(`/api/applications/${created.body.data.id}/transfer`, { userId: otherHead.user.id });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('当前步骤不能转交');
  });

  it('lets a colleague of the step’s role take over a free step only', async () => {
    const created = await crew.window_clerk.api.post<{ data: Presented }>('/api/applications', enterpriseForm());
    const id = created.body.data.id;
    const surveyor = crew.surveyor;
    const colleague = await createStaff(server.url, ['surveyor'], '刘洋');
    // Dispatched without choosing a surveyor: the survey step is free for the role.
    await must(crew.tech_head.api, id, 'dispatch');
    const free = await detail(colleague, id);
    expect(free.step.assignee).toBeNull();
    expect(free.permissions.transfer).toBe(true);
    expect((await colleague.api.post(`/api/applications/${id}/transfer`, { userId: surveyor.user.id })).status).toBe(200);
    // Now the step is someone's: the colleague's flag goes off and the route refuses.
    expect((await detail(colleague, id)).permissions.transfer).toBe(false);
    expect((await colleague.api.post(`/api/applications/${id}/transfer`, { userId: colleague.user.id })).status).toBe(403);
    expect((await detail(surveyor, id)).permissions.transfer).toBe(true);
  });

  it('uploads 其他资料 exactly when permissions.uploadOther is true', async () => {
    const { owner, app } = await submittedOnline();
    const file = { displayName: '产权证明', fileName: 'proof.pdf', content: pdf('产权证明') };
    for (const user of [owner, crew.designer, crew.admin]) {
      const flag = (await detail(user, app.id)).permissions.uploadOther;
      const res = await uploadFile(user.api, app.id, 'other', file);
      expect(res.status).toBe(flag ? 201 : 403);
    }
  });

  it('uploads 申请材料 exactly when permissions.uploadMaterials is true', async () => {
    const { owner, app } = await submittedOnline();
    const file = { displayName: '营业执照扫描件', fileName: 'licence.pdf', content: pdf('营业执照') };
    const flags: boolean[] = [];
    for (const user of [owner, crew.reviewer, crew.window_clerk, crew.designer]) {
      const flag = (await detail(user, app.id)).permissions.uploadMaterials;
      flags.push(flag);
      const res = await uploadFile(user.api, app.id, 'business_licence', file);
      expect(res.status).toBe(flag ? 201 : 403);
    }
    // The customer while it waits for review, the window and the review; not the designer.
    expect(flags).toEqual([true, true, true, false]);
  });

  it('edits the form exactly when permissions.edit is true', async () => {
    const { owner, app } = await submittedOnline(residentForm());
    await must(crew.reviewer.api, app.id, 'return', { comment: '地址不全' });
    for (const user of [crew.designer, crew.window_clerk, owner]) {
      const flag = (await detail(user, app.id)).permissions.edit;
      const res = await user.api.patch(`/api/applications/${app.id}`, residentForm({ name: unique('李四') }));
      expect(res.status).toBe(flag ? 200 : 403);
    }
  });

  it('exports exactly when the list says so', async () => {
    const { owner } = await submittedOnline();
    for (const user of [owner, crew.designer]) {
      const list = await user.api.get<{ meta: { permissions: { export: boolean } } }>('/api/applications');
      const res = await user.api.get('/api/exports/applications.xlsx');
      expect(res.status).toBe(list.body.meta.permissions.export ? 200 : 403);
    }
  });
});

describe('修改申请 in 报装记录', () => {
  it('records each changed field old → new, chained, with an audit row, and shows it to the applicant', async () => {
    const form = enterpriseForm({ contactPhone: '13912345678', buildingArea: 2200 });
    const { owner, app } = await submittedOnline(form);
    await must(crew.reviewer.api, app.id, 'return', { comment: '面积与图纸不符' });
    const before = await Application.findByPk(app.id);
    const newName = unique('更正后的单位');
    const res = await owner.api.patch<{ data: Presented }>(`/api/applications/${app.id}`, {
      ...form,
      name: newName,
      contactPhone: '13812345678',
      buildingArea: 2400,
      waterType: 'capacity',
    });
    expect(res.status).toBe(200);

    const entries = await HistoryEntry.findAll({ where: { applicationId: app.id }, order: [['seq', 'ASC']] });
    const edit = entries.at(-1);
    const previous = entries.at(-2);
    expect(edit).toMatchObject({
      action: EDIT_HISTORY_ACTION,
      actionLabel: '修改申请',
      fromState: 'returned',
      toState: 'returned',
      actorUserId: owner.user.id,
      actorRole: 'applicant',
      newStep: false,
    });
    const changes: FormChange[] = [
      { field: 'name', label: '单位名称', from: form.name, to: newName },
      { field: 'contactPhone', label: '联系电话', from: '13912345678', to: '13812345678' },
      { field: 'waterType', label: '报装类型', from: '基建(施工)用水', to: '增容用水' },
      { field: 'buildingArea', label: '建筑面积', from: '2200 m²', to: '2400 m²' },
    ];
    expect(edit?.payload).toEqual({ changes });

    // Chained like every entry: the next place, linked to the previous hash, and the row's head moved to it.
    expect(edit?.seq).toBe((previous?.seq ?? 0) + 1);
    expect(edit?.prevHash).toBe(previous?.hash);
    expect(edit?.hash).toBe(chainHash(previous?.hash ?? null, historyHashContent(edit as HistoryEntry)));
    const after = await Application.findByPk(app.id);
    expect([after?.historySeq, after?.historyHash]).toEqual([edit?.seq, edit?.hash]);
    expect(after?.version).toBe((before?.version ?? 0) + 1);
    expect((await verifyChains()).problems).toEqual([]);

    const audit = await AuditEvent.findOne({ where: { action: 'application.edit', targetId: String(app.id) } });
    expect(audit).toMatchObject({ actorUserId: owner.user.id, targetType: 'application' });
    expect(audit?.data).toEqual({ number: app.number, fields: ['name', 'contactPhone', 'waterType', 'buildingArea'], historyId: edit?.id });

    // The applicant sees their own form's changes in full, in 报装记录.
    const mine = (await history(owner.api, app.id)).find((e) => e.action === EDIT_HISTORY_ACTION);
    expect(mine?.actionLabel).toBe('修改申请');
    expect(mine?.payload.changes).toEqual(changes);
    expect(mine?.payload.summary).toBe(
      `单位名称：${form.name} → ${newName}；联系电话：13912345678 → 13812345678；报装类型：基建(施工)用水 → 增容用水；建筑面积：2200 m² → 2400 m²`,
    );

    // Staff who call customers see the numbers; a designer sees them masked, as on the application.
    const byClerk = (await history(crew.window_clerk.api, app.id)).find((e) => e.action === EDIT_HISTORY_ACTION);
    expect(byClerk?.payload.changes).toEqual(changes);
    const byDesigner = (await history(crew.designer.api, app.id)).find((e) => e.action === EDIT_HISTORY_ACTION);
    expect(byDesigner?.payload.changes).toEqual(
      changes.map((c) => (c.field === 'contactPhone' ? { ...c, from: '139****5678', to: '138****5678' } : c)),
    );
    expect(JSON.stringify(byDesigner)).not.toMatch(/13912345678|13812345678/);

    // After resubmitting, the entry stays in its place.
    await must(owner.api, app.id, 'resubmit');
    expect((await history(owner.api, app.id)).map((e) => e.actionLabel)).toEqual(['提交申请', '退回', '修改申请', '重新提交']);
  });

  it('masks credit codes for viewers who may not see them, and names the clerk’s role when the window edits', async () => {
    const form = enterpriseForm();
    const created = await crew.window_clerk.api.post<{ data: Presented }>('/api/applications', form);
    const id = created.body.data.id;
    await must(crew.tech_head.api, id, 'reject_dispatch', { comment: '信用代码有误' });
    const corrected = enterpriseForm({ ...form, creditCode: enterpriseForm().creditCode });
    expect((await crew.window_clerk.api.patch(`/api/applications/${id}`, corrected)).status).toBe(200);
    const entry = await HistoryEntry.findOne({ where: { applicationId: id, action: EDIT_HISTORY_ACTION } });
    expect(entry?.actorRole).toBe('window_clerk');
    const seen = (await history(crew.designer.api, id)).find((e) => e.action === EDIT_HISTORY_ACTION);
    const [change] = seen?.payload.changes as FormChange[];
    expect(change).toMatchObject({ field: 'creditCode', label: '社会信用代码' });
    expect(change?.from).toBe(`${form.creditCode?.slice(0, 4)}**********${form.creditCode?.slice(-4)}`);
    expect(change?.to).not.toBe(corrected.creditCode);
  });

  it('writes nothing to 报装记录 or the audit log when nothing changed', async () => {
    const form = residentForm();
    const { owner, app } = await submittedOnline(form);
    await must(crew.reviewer.api, app.id, 'return', { comment: '请核对' });
    const entries = await HistoryEntry.count({ where: { applicationId: app.id } });
    expect((await owner.api.patch(`/api/applications/${app.id}`, form)).status).toBe(200);
    expect(await HistoryEntry.count({ where: { applicationId: app.id } })).toBe(entries);
    expect(await AuditEvent.count({ where: { action: 'application.edit', targetId: String(app.id) } })).toBe(0);
  });

  it('refuses a stale version and writes nothing', async () => {
    const { owner, app } = await submittedOnline(residentForm());
    const returned = await must(crew.reviewer.api, app.id, 'return', { comment: '请核对' });
    const entries = await HistoryEntry.count({ where: { applicationId: app.id } });
    const res = await owner.api.patch<ErrorReply>(`/api/applications/${app.id}`, residentForm({ name: '王五' }), {
      'If-Match': String(returned.version - 1),
    });
    expect(res.status).toBe(409);
    expect(await HistoryEntry.count({ where: { applicationId: app.id } })).toBe(entries);
  });
});

describe('administrator rights', () => {
  it.each<[string, string, string, Record<string, unknown> | undefined]>([
    ['create a user', 'post', '/api/users', { username: unique('u'), displayName: '新人', password: 'abc12345', roles: ['reviewer'] }],
    ['unlock a user', 'post', '/api/users/1/unlock', undefined],
    ['see sent notifications', 'get', '/api/admin/notifications', undefined],
  ])('are needed to %s', async (_what, method, path, body) => {
    const res = await crew.tech_head.api.request<ErrorReply>(method.toUpperCase(), path, body);
    expect(res.status).toBe(403);
    const asAdmin = await crew.admin.api.request<ErrorReply>(method.toUpperCase(), path, body);
    expect(asAdmin.status).not.toBe(403);
  });
});
