/**
 * Local mode (no ALIYUN_SMS_* set, `npm start` on a laptop): no SMS leaves the machine, yet the
 * codes work — the reply carries the code for the page to show as 「本地模式验证码」. A decoy (a
 * claim that matched nothing) carries none, and the log has neither the code nor the phone.
 */
import type { CodeSentView } from '@wc/shared';
import { createApplicant } from '../support/factories';
import { capturedLogs, startTestServer, type TestServer } from '../support/testServer';
import { clientAt, randomMobile } from './support';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

it('gives the code in the reply so registration works without SMS, and logs neither code nor phone', async () => {
  const api = clientAt(server.url);
  const phone = randomMobile();
  const sent = await api.post<{ data: CodeSentView }>('/api/auth/register/code', { phone });
  expect(sent.status).toBe(200);
  const code = sent.body.data.localCode ?? '';
  expect(code).toMatch(/^\d{6}$/);
  const res = await api.post('/api/auth/register', {
    username: `local${Date.now().toString(36)}`,
    password: 'abc12345',
    kind: 'resident',
    displayName: '王五',
    phone,
    agreedPrivacy: true,
    smsCode: code,
  });
  expect(res.status).toBe(201);
  expect(capturedLogs.filter((line) => line.includes(phone) || line.includes(`"${code}"`))).toEqual([]);
});

it('gives no code for a claim that matched nothing', async () => {
  const me = await createApplicant(server.url);
  const sent = await clientAt(server.url, me.token).post<{ data: CodeSentView }>('/api/claims/code', {
    number: 'BZ2000010101',
    phone: randomMobile(),
  });
  expect(sent.status).toBe(200);
  expect(sent.body.data.localCode).toBeNull();
});
