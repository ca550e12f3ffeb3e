import type { ApplicantAccountView, AuditEventView } from '@wc/shared';
import { Api } from '../support/api';
import { TEST_PASSWORD, createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let admin: TestUser;
let api: Api;

beforeAll(async () => {
  server = await startTestServer();
  admin = await createStaff(server.url, ['admin']);
  api = new Api(server.url);
});
afterAll(() => server.close());

type ListReply = { data: ApplicantAccountView[]; meta: { total: number } };
const login = (username: string, password: string) => api.post<{ error?: { code: string } }>('/api/auth/login', { username, password });

describe('报装用户管理', () => {
  it('lists applicant accounts with their applications, found by name, user name or phone', async () => {
    const customer = await createApplicant(server.url, 'enterprise');
    await customer.api.post('/api/applications', enterpriseForm());
    await customer.api.post('/api/applications', enterpriseForm());
    const res = await admin.api.get<ListReply>(`/api/applicants?q=${customer.user.username}`);
    expect(res.status).toBe(200);
    expect(res.body.meta.total).toBe(1);
    expect(res.body.data[0]).toMatchObject({
      id: customer.auth.id,
      username: customer.user.username,
      applicantKindLabel: '企业单位',
      enabled: true,
      locked: false,
      hasPassword: true,
      applications: 2,
    });
    // Staff are not applicants.
    const staffSearch = await admin.api.get<ListReply>(`/api/applicants?q=${admin.user.username}`);
    expect(staffSearch.body.data).toEqual([]);
  });

  it('disables an account at once, on every channel, and enables it again', async () => {
    const customer = await createApplicant(server.url, 'resident');
    expect((await customer.api.get('/api/applications')).status).toBe(200);
    const off = await admin.api.patch<{ data: ApplicantAccountView }>(`/api/applicants/${customer.auth.id}`, { enabled: false });
    expect(off.status).toBe(200);
    expect(off.body.data.enabled).toBe(false);
    // The session they have stops working, and they cannot log in again.
    expect((await customer.api.get('/api/applications')).status).toBe(401);
    expect((await login(customer.user.username, TEST_PASSWORD)).status).not.toBe(200);
    const disabled = await admin.api.get<ListReply>('/api/applicants?status=disabled');
    expect(disabled.body.data.map((a) => a.id)).toContain(customer.auth.id);

    await admin.api.patch(`/api/applicants/${customer.auth.id}`, { enabled: true });
    expect((await login(customer.user.username, TEST_PASSWORD)).status).toBe(200);
  });

  it('unlocks an account locked by wrong passwords', async () => {
    const customer = await createApplicant(server.url, 'resident');
    for (let i = 0; i < 5; i++) {
      await login(customer.user.username, `wrong${i}xyz`);
    }
    expect((await login(customer.user.username, TEST_PASSWORD)).status).toBe(423);
    const locked = await admin.api.get<ListReply>('/api/applicants?status=locked');
    expect(locked.body.data.find((a) => a.id === customer.auth.id)).toMatchObject({ locked: true });

    const unlocked = await admin.api.post<{ data: ApplicantAccountView }>(`/api/applicants/${customer.auth.id}/unlock`);
    expect(unlocked.body.data.locked).toBe(false);
    expect((await login(customer.user.username, TEST_PASSWORD)).status).toBe(200);
  });

  it('resets a forgotten password to a temporary one shown once, ending every session', async () => {
    const customer = await createApplicant(server.url, 'resident');
    const reset = await fetch(`${server.url}/api/applicants/${customer.auth.id}/reset-password`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(reset.status).toBe(200);
    expect(reset.headers.get('cache-control')).toBe('no-store');
    const { data } = (await reset.json()) as { data: { temporaryPassword: string } };
    expect(data.temporaryPassword).toMatch(/^(?=.*[a-z])(?=.*\d)[a-z2-9]{10}$/);

    expect((await customer.api.get('/api/applications')).status).toBe(401);
    expect((await login(customer.user.username, TEST_PASSWORD)).status).toBe(401);
    expect((await login(customer.user.username, data.temporaryPassword)).status).toBe(200);

    // The audit log says it happened, and never what the password is.
    const audit = await admin.api.get<{ data: AuditEventView[] }>('/api/audit?action=applicant.reset_password');
    expect(audit.body.data[0]).toMatchObject({ actionLabel: '重置报装用户密码', target: customer.auth.displayName });
    expect(JSON.stringify(audit.body.data)).not.toContain(data.temporaryPassword);
  });

  it('is for administrators, about applicants only, with Chinese field errors', async () => {
    const reviewer = await createStaff(server.url, ['reviewer']);
    const customer = await createApplicant(server.url);
    expect((await reviewer.api.get('/api/applicants')).status).toBe(403);
    expect((await reviewer.api.post(`/api/applicants/${customer.auth.id}/reset-password`)).status).toBe(403);
    expect((await customer.api.get('/api/applicants')).status).toBe(403);
    // A staff account is not managed here.
    expect((await admin.api.post(`/api/applicants/${reviewer.auth.id}/reset-password`)).status).toBe(404);
    expect((await admin.api.patch(`/api/applicants/${reviewer.auth.id}`, { enabled: false })).status).toBe(404);
    expect((await login(reviewer.user.username, TEST_PASSWORD)).status).toBe(200);

    const bad = await admin.api.patch<{ error: { details: { path: string; message: string }[] } }>(`/api/applicants/${customer.auth.id}`, {
      enabled: 'no',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'enabled', message: '请选择启用或停用' }]);
    expect((await admin.api.get<{ error: { details: { path: string }[] } }>('/api/applicants?status=gone')).status).toBe(400);
  });
});
