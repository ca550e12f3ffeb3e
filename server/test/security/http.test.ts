import { Api } from '../support/api';
import { createApplicant, createStaff, enterpriseForm } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import { act, type AppView } from '../support/workflow';

let server: TestServer;
let api: Api;

beforeAll(async () => {
  server = await startTestServer();
  api = new Api(server.url);
});
afterAll(() => server.close());

describe('HTTP hygiene', () => {
  it('sends a strict policy on API replies: no loads, no framing, no caching of personal data', async () => {
    const staff = await createStaff(server.url, ['reviewer']);
    // '/adminx' only looks like the admin page's address: it is not a page
    for (const res of [await staff.api.get('/api/applications'), await api.get('/adminx')]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    // a probe is answered ahead of the chain, with what its reply needs: JSON only, never framed or kept
    const probe = await api.get('/health');
    expect(probe.headers.get('x-content-type-options')).toBe('nosniff');
    expect(probe.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(probe.headers.get('cache-control')).toBe('no-store');
    expect(probe.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(probe.headers.get('x-powered-by')).toBeNull();
    // the workflow definition is the same for everyone and may be cached
    expect((await api.get('/api/workflow')).headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('sends the page policy on the admin and H5 pages: own scripts only, no framing', async () => {
    for (const path of ['/admin/', '/h5/']) {
      const res = await api.get(path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('keeps CORS closed: no allow-origin for a foreign origin, preflight refused', async () => {
    const res = await api.get('/api/workflow', { Origin: 'https://evil.example' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await api.request('OPTIONS', '/api/applications', undefined, {
      Origin: 'https://evil.example',
      'Access-Control-Request-Method': 'POST',
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a JSON body over 1 MB with 413 and a Chinese message', async () => {
    const clerk = await createStaff(server.url, ['window_clerk']);
    const res = await clerk.api.post<{ error: { code: string; message: string } }>('/api/applications', {
      ...enterpriseForm(),
      name: 'x'.repeat(1_100_000),
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: '文件或请求内容过大' });
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const clerk = await createStaff(server.url, ['window_clerk']);
    const res = await clerk.api.post<{ error: { code: string } }>('/api/applications', '{"kind": "enterprise",');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await api.get<{ error: { code: string; message: string } }>('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'NOT_FOUND', message: '接口不存在' });
  });
});

describe('mass assignment', () => {
  it.each([
    ['state', { state: 'completed' }],
    ['version', { version: 99 }],
    ['number', { number: 'BZ2099010101' }],
    ['amounts', { budgetTotal: 1, finalAmount: 1 }],
    ['assignee', { currentAssigneeId: 1 }],
  ])('refuses %s smuggled into an edit and changes nothing', async (_name, extra) => {
    const applicant = await createApplicant(server.url);
    const reviewer = await createStaff(server.url, ['reviewer']);
    const app = (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm())).body.data;
    await act(reviewer.api, app.id, 'return', { comment: '补材料' });
    const before = (await applicant.api.get<{ data: AppView }>(`/api/applications/${app.id}`)).body.data;
    const res = await applicant.api.patch<{ error: { code: string; details: { path: string }[] } }>(`/api/applications/${app.id}`, {
      ...enterpriseForm({ name: '新名字' }),
      ...extra,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.path)).toEqual(Object.keys(extra));
    const after = (await applicant.api.get<{ data: AppView }>(`/api/applications/${app.id}`)).body.data;
    expect(after).toEqual({ ...before, step: { ...before.step, elapsedMs: after.step.elapsedMs } });
  });
});
