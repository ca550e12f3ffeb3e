/**
 * Requests the API cannot take as they are: a body that is not JSON (or, on uploads, not
 * multipart) and an action no flow has. Each gets its own status and code with a Chinese message,
 * and nothing changes — never a success that silently dropped what was sent.
 */
import { Api } from '../support/api';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import { history, type AppView, type ErrorReply } from '../support/workflow';

let server: TestServer;
let applicant: TestUser;
let reviewer: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  [applicant, reviewer] = await Promise.all([
    createApplicant(server.url, 'enterprise'),
    createStaff(server.url, ['reviewer', 'tech_head']),
  ]);
});
afterAll(() => server.close());

async function submitted(): Promise<AppView> {
  const res = await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
  expect(res.status).toBe(201);
  return res.body.data;
}

/** Sends `body` as it is, with exactly the given headers (fetch adds text/plain to a string body). */
async function send(
  user: TestUser,
  method: string,
  path: string,
  body: string | Uint8Array | undefined,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${user.token}`, ...headers }, body });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as ErrorReply | { data: AppView } | null };
}

const view = async (id: number) => (await reviewer.api.get<{ data: AppView }>(`/api/applications/${id}`)).body.data;
const myCount = async () => (await applicant.api.get<{ meta: { total: number } }>('/api/applications')).body.meta.total;

describe('a body that is not JSON', () => {
  it('refuses an action sent as text/plain with 415: the application stays where it was and the comment is not lost silently', async () => {
    const app = await submitted();
    const res = await send(
      reviewer,
      'POST',
      `/api/applications/${app.id}/actions/approve`,
      JSON.stringify({ comment: '资料齐全，同意受理' }),
      {
        'content-type': 'text/plain',
      },
    );
    expect(res.status).toBe(415);
    expect(res.body).toEqual({
      error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '请求内容须为 JSON 格式（Content-Type: application/json）' },
    });
    const after = await view(app.id);
    expect([after.state, after.version]).toEqual(['submitted', app.version]);
    expect((await history(reviewer.api, app.id)).map((h) => h.action)).toEqual(['create']);

    // The same action as JSON goes through with its comment.
    const ok = await reviewer.api.post<{ data: AppView }>(`/api/applications/${app.id}/actions/approve`, { comment: '资料齐全，同意受理' });
    expect(ok.status).toBe(200);
    expect((await history(reviewer.api, app.id)).at(-1)?.comment).toBe('资料齐全，同意受理');
  });

  it.each([
    ['text/plain', 'text/plain;charset=UTF-8'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart (JSON routes take no uploads)', 'multipart/form-data; boundary=x'],
    ['no content type at all', undefined],
  ])('refuses an application sent as %s with 415 and creates nothing', async (_what, type) => {
    const before = await myCount();
    const payload = new TextEncoder().encode(JSON.stringify(enterpriseForm()));
    const res = await send(applicant, 'POST', '/api/applications', payload, type ? { 'content-type': type } : {});
    expect(res.status).toBe(415);
    expect((res.body as ErrorReply).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((res.body as ErrorReply).error.message).toContain('JSON');
    expect(await myCount()).toBe(before);
  });

  it('refuses an upload that is not multipart/form-data with 415 and stores nothing', async () => {
    const app = await submitted();
    const res = await send(
      applicant,
      'POST',
      `/api/applications/${app.id}/attachments`,
      JSON.stringify({ category: 'other', displayName: '营业执照' }),
      { 'content-type': 'application/json' },
    );
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '请以 multipart/form-data 方式上传文件' } });
    expect((await applicant.api.get<{ data: unknown[] }>(`/api/applications/${app.id}/attachments`)).body.data).toEqual([]);
  });

  it('still takes requests without a body: an action and a token refresh', async () => {
    const app = await submitted();
    const approved = await send(reviewer, 'POST', `/api/applications/${app.id}/actions/approve`, undefined);
    expect(approved.status).toBe(200);
    expect((approved.body as { data: AppView }).data.state).toBe('dispatching');
    const empty = await send(reviewer, 'POST', '/api/auth/refresh', '', { 'content-type': 'text/plain' });
    expect(empty.status).toBe(200);
  });
});

describe('an action no flow has', () => {
  it('answers 404 UNKNOWN_ACTION, not 409 「当前状态下不能执行此操作」, and changes nothing', async () => {
    const app = await submitted();
    const res = await reviewer.api.post<ErrorReply>(`/api/applications/${app.id}/actions/approve_everything`, { comment: '试试' });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'UNKNOWN_ACTION', message: '没有这个操作' } });
    expect((await view(app.id)).version).toBe(app.version);

    // A real action that this state does not offer is still a refusal of the action (409).
    const refused = await reviewer.api.post<ErrorReply>(`/api/applications/${app.id}/actions/dispatch`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ACTION_NOT_ALLOWED');
  });

  it('asks for a login before saying whether an action exists', async () => {
    const app = await submitted();
    const res = await new Api(server.url).post<ErrorReply>(`/api/applications/${app.id}/actions/approve_everything`, {});
    expect(res.status).toBe(401);
  });
});
