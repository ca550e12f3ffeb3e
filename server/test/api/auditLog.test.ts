import type { AuditEventView, AuditVerifyView } from '@wc/shared';
import { services } from '../../src/services';
import { createApplicant, createStaff, enterpriseForm, unique, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import type { AppView } from '../support/workflow';

let server: TestServer;
let admin: TestUser;
let otherAdmin: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await createStaff(server.url, ['admin'], '王管理');
  otherAdmin = await createStaff(server.url, ['admin'], '李管理');
});
afterAll(() => server.close());

type AuditReply = { data: AuditEventView[]; meta: { total: number; page: number } };

describe('审计日志', () => {
  it('shows administrators who changed users, settings and exported, newest first, in words', async () => {
    const username = unique('kan');
    const created = await admin.api.post<{ data: { id: number } }>('/api/users', {
      username,
      displayName: '赵勘察',
      password: 'abc12345',
      roles: ['surveyor'],
    });
    expect(created.status).toBe(201);
    const step = await otherAdmin.api.put('/api/settings/steps/enterprise/surveying', {
      thresholdValue: 3,
      thresholdUnit: 'workdays',
      defaultAssigneeId: null,
    });
    expect(step.status).toBe(200);
    const exported = await fetch(`${server.url}/api/exports/applications.xlsx?state=submitted`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(exported.status).toBe(200);

    const res = await admin.api.get<AuditReply>('/api/audit');
    expect(res.status).toBe(200);
    const [exportRow, stepRow, userRow] = res.body.data;
    expect(exportRow).toMatchObject({ actionLabel: '导出数据', actor: { name: '王管理' }, target: '报装列表' });
    expect(exportRow?.summary).toMatch(/^导出 \d+ 条，条件：状态 待审核$/);
    expect(stepRow).toMatchObject({ actionLabel: '修改流程步骤设置', actor: { name: '李管理' }, summary: '时限 3个工作日' });
    expect(stepRow?.target).toBe('企业单位 · 现场勘察');
    expect(userRow).toMatchObject({
      actionLabel: '新建用户',
      target: '赵勘察',
      summary: `用户名 ${username}，角色 勘察员`,
    });
  });

  it('filters by person, kind and date, and pages', async () => {
    const byPerson = await admin.api.get<AuditReply>(`/api/audit?actor=${otherAdmin.auth.id}`);
    expect(byPerson.body.data.length).toBeGreaterThan(0);
    expect(byPerson.body.data.every((e) => e.actor?.id === otherAdmin.auth.id)).toBe(true);

    const byKind = await admin.api.get<AuditReply>('/api/audit?action=user.create');
    expect(byKind.body.data.length).toBeGreaterThan(0);
    expect(byKind.body.data.every((e) => e.actionLabel === '新建用户')).toBe(true);
    expect(byKind.body.meta.total).toBe(byKind.body.data.length);

    const all = await admin.api.get<AuditReply>('/api/audit');
    const onePage = await admin.api.get<AuditReply>('/api/audit?pageSize=1&page=2');
    expect(onePage.body.meta.total).toBe(all.body.meta.total);
    expect(onePage.body.data.map((e) => e.id)).toEqual([all.body.data[1]?.id]);

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await admin.api.get<AuditReply>(`/api/audit?from=${today}&to=${today}`)).body.meta.total).toBe(all.body.meta.total);
    expect((await admin.api.get<AuditReply>('/api/audit?from=2020-01-01&to=2020-01-31')).body.meta.total).toBe(0);
  });

  it('names the field of a bad filter in Chinese', async () => {
    const res = await admin.api.get<{ error: { details: { path: string; message: string }[] } }>(
      '/api/audit?from=2026-13-40&action=drop_table&actor=abc',
    );
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['from', 'action', 'actor']));
    expect(res.body.error.details.find((d) => d.path === 'action')?.message).toBe('操作类型不正确');
    expect(res.body.error.details.find((d) => d.path === 'actor')?.message).toBe('操作人不正确');
    const backwards = await admin.api.get<{ error: { details: { path: string; message: string }[] } }>(
      '/api/audit?from=2026-03-02&to=2026-03-01',
    );
    expect(backwards.body.error.details).toEqual([{ path: 'to', message: '开始日期不能晚于结束日期' }]);
  });

  it('is for administrators only', async () => {
    const reviewer = await createStaff(server.url, ['reviewer']);
    const applicant = await createApplicant(server.url);
    expect((await reviewer.api.get('/api/audit')).status).toBe(403);
    expect((await reviewer.api.get('/api/audit/verify')).status).toBe(403);
    expect((await applicant.api.get('/api/audit')).status).toBe(403);
  });

  it('verifies the chains from the screen and points at a row changed behind its back', async () => {
    const applicant = await createApplicant(server.url);
    expect((await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm())).status).toBe(201);
    const clean = await admin.api.get<{ data: AuditVerifyView }>('/api/audit/verify');
    expect(clean.status).toBe(200);
    expect(clean.body.data.problems).toEqual([]);
    expect(clean.body.data.checked).toBeGreaterThanOrEqual(4);

    const [[latest]] = (await services().sequelize.query('SELECT MAX(id) AS id FROM audit_events')) as [{ id: number }[], unknown];
    await services().sequelize.query('UPDATE audit_events SET data = ? WHERE id = ?', {
      replacements: ['{"username":"someone-else","roles":["admin"]}', latest?.id],
    });
    const broken = await admin.api.get<{ data: AuditVerifyView }>('/api/audit/verify');
    expect(broken.body.data.problems).toEqual([{ table: 'audit_events', id: Number(latest?.id), applicationId: null, problem: 'hash' }]);
  });
});
