/**
 * At the counter the window clerk texts the customer the claim link, and the customer, standing
 * there, opens it and asks for the code at once. With the installation's default SMS limits (one
 * message a minute per number) both must go out: codes have a minute's window of their own, as
 * Aliyun counts its verification templates apart (sms/quota.ts).
 */
import type { ClaimSmsView, CodeSentView } from '@wc/shared';
import { createApplicant, enterpriseForm } from '../support/factories';
import { createCrew, type Crew } from '../support/journey';
import type { TestServer } from '../support/testServer';
import type { AppView } from '../support/workflow';
import type { AliyunSmsStub } from '../../../test/stubs/aliyunSms';
import { clientAt, lastClaimLink, lastCode, randomMobile, startWithSms } from './support';

let server: TestServer;
let sms: AliyunSmsStub;
let crew: Crew;

beforeAll(async () => {
  ({ server, sms } = await startWithSms({ SMS_LIMIT_PER_PHONE_MINUTE: '1' }));
  crew = await createCrew(server.url);
});
afterAll(async () => {
  await server?.close();
  await sms?.close();
});

it('sends the claim link and, the same minute, the code the customer asks for; the claim then succeeds', async () => {
  const phone = randomMobile();
  const created = await crew.window_clerk.api.post<{ data: AppView }>('/api/applications', enterpriseForm({ contactPhone: phone }));
  expect(created.status).toBe(201);
  const app = created.body.data;

  const link = await crew.window_clerk.api.post<{ data: ClaimSmsView }>(`/api/applications/${app.id}/claim-sms`);
  expect(link.status).toBe(200);
  expect(lastClaimLink(sms, phone)).toContain(app.number);

  const made = await createApplicant(server.url);
  const me = clientAt(server.url, made.token);
  const sent = await me.post<{ data: CodeSentView }>('/api/claims/code', { number: app.number, phone });
  expect(sent.status).toBe(200);
  const claimed = await me.post('/api/claims', { number: app.number, phone, smsCode: lastCode(sms, phone) });
  expect(claimed.status).toBe(200);
  const mine = await me.get<{ data: AppView[] }>('/api/applications');
  expect(mine.body.data.map((a) => a.number)).toContain(app.number);
});
