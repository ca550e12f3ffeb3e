/**
 * 认领报装: a customer whose application was taken at the counter (窗口受理, no account) claims it
 * with 报装编号 + the phone on the application + the code that phone receives; the window clerk
 * can text them the link. Real server, real Aliyun SDK against the loopback stub.
 */
import { CLAIM_HISTORY_ACTION, type ClaimSmsView, type CodeSentView } from '@wc/shared';
import { AuditEvent, VerificationCode } from '../../src/models';
import { createApplicant, enterpriseForm, type TestUser } from '../support/factories';
import { createCrew, type Crew } from '../support/journey';
import { capturedLogs, type TestServer } from '../support/testServer';
import { history, type AppView, type ErrorReply } from '../support/workflow';
import type { AliyunSmsStub } from '../../../test/stubs/aliyunSms';
import { clientAt, lastCode, randomMobile, startWithSms, wrongCode } from './support';

let server: TestServer;
let sms: AliyunSmsStub;
let crew: Crew;

beforeAll(async () => {
  ({ server, sms } = await startWithSms());
  crew = await createCrew(server.url);
});
afterAll(async () => {
  await server?.close();
  await sms?.close();
});

interface Detail extends AppView {
  permissions: { sendClaimSms: boolean };
}

/** A counter application (窗口受理) with `phone` as its 联系电话. */
async function atCounter(phone: string): Promise<Detail> {
  const res = await crew.window_clerk.api.post<{ data: Detail }>('/api/applications', enterpriseForm({ contactPhone: phone }));
  expect(res.status).toBe(201);
  return res.body.data;
}

/** An applicant with a client address of their own. */
async function customer(): Promise<TestUser> {
  const made = await createApplicant(server.url);
  return { ...made, api: clientAt(server.url, made.token) };
}

const fieldMessage = (body: ErrorReply, path: string) => body.error.details?.find((d) => d.path === path)?.message;

async function myNumbers(user: TestUser): Promise<string[]> {
  const res = await user.api.get<{ data: AppView[] }>('/api/applications');
  return res.body.data.map((a) => a.number);
}

/** Lets a minute pass for the phone's send limits (ours and the stub platform's). */
async function minuteLater(phone: string): Promise<void> {
  await VerificationCode.update({ createdAt: new Date(Date.now() - 61_000) }, { where: { phone } });
  const shift = 61_000 + (sms.now() - Date.now());
  sms.now = () => Date.now() + shift;
}

describe('认领报装', () => {
  it('puts a counter application into 我的报装 with the phone’s code, and records who claimed it and when', async () => {
    const phone = randomMobile();
    const app = await atCounter(phone);
    const me = await customer();
    expect(await myNumbers(me)).not.toContain(app.number);

    const sent = await me.api.post<{ data: CodeSentView }>('/api/claims/code', { number: app.number.toLowerCase(), phone });
    expect(sent.status).toBe(200);
    expect(sent.body.data.localCode).toBeNull();
    const code = lastCode(sms, phone);
    const wrong = await me.api.post<ErrorReply>('/api/claims', { number: app.number, phone, smsCode: wrongCode(code) });
    expect(fieldMessage(wrong.body, 'smsCode')).toBe('验证码不正确，还可以输入4次');
    expect(await myNumbers(me)).not.toContain(app.number);

    const before = Date.now();
    const claimed = await me.api.post<{ data: { id: number; number: string } }>('/api/claims', {
      number: app.number,
      phone,
      smsCode: code,
    });
    expect(claimed.status).toBe(200);
    expect(claimed.body.data).toEqual({ id: app.id, number: app.number });
    expect(await myNumbers(me)).toContain(app.number);
    expect((await me.api.get(`/api/applications/${app.id}`)).status).toBe(200);

    // 报装记录: who and when, seen by the customer and by staff.
    const entry = (await history(me.api, app.id)).find((e) => e.action === CLAIM_HISTORY_ACTION);
    expect(entry).toMatchObject({ actionLabel: '认领报装', actor: { role: 'applicant', name: me.user.displayName } });
    expect(new Date((entry as unknown as { at: string }).at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(entry?.payload).toEqual({});
    const forStaff = (await history(crew.window_clerk.api, app.id)).find((e) => e.action === CLAIM_HISTORY_ACTION);
    expect(forStaff?.payload).toEqual({
      userId: me.user.id,
      username: me.user.username,
      phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    });
    const audit = await AuditEvent.findOne({ where: { action: 'application.claim', targetId: String(app.id) } });
    expect(audit?.actorUserId).toBe(me.user.id);
    // The phone appears in no log line unmasked.
    expect(capturedLogs.filter((line) => line.includes(phone))).toEqual([]);

    // Claimed: the window clerk is no longer offered the SMS, and a second claim is not possible.
    const seen = await crew.window_clerk.api.get<{ data: Detail }>(`/api/applications/${app.id}`);
    expect(seen.body.data.permissions.sendClaimSms).toBe(false);
    const mine = await me.api.post<ErrorReply>('/api/claims/code', { number: app.number, phone });
    expect([mine.status, mine.body.error.message]).toEqual([409, '该报装已在「我的报装」中']);
  });

  it('answers a wrong phone exactly as a wrong number: the same reply, no SMS, and the code never works', async () => {
    const phone = randomMobile();
    const app = await atCounter(phone);
    const me = await customer();
    const otherPhone = randomMobile();
    const replies = await Promise.all([
      me.api.post<{ data: CodeSentView }>('/api/claims/code', { number: app.number, phone: otherPhone }),
      me.api.post<{ data: CodeSentView }>('/api/claims/code', { number: 'BZ2000010101', phone: randomMobile() }),
    ]);
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(Object.keys(reply.body.data)).toEqual(['sentTo', 'expiresInSeconds', 'resendAfterSeconds', 'localCode']);
      expect(reply.body.data).toMatchObject({ expiresInSeconds: 300, resendAfterSeconds: 60, localCode: null });
    }
    expect(sms.sentTo(otherPhone)).toHaveLength(0);
    expect(sms.sentTo(phone)).toHaveLength(0);
    // Guessing gives the same wrong-code answer as for a real one, and the same lockout.
    const guess = await me.api.post<ErrorReply>('/api/claims', { number: app.number, phone: otherPhone, smsCode: '123456' });
    expect(fieldMessage(guess.body, 'smsCode')).toBe('验证码不正确，还可以输入4次');
    expect(await myNumbers(me)).not.toContain(app.number);
  });

  it('binds a code to the account that asked for it', async () => {
    const phone = randomMobile();
    const app = await atCounter(phone);
    const [asker, other] = await Promise.all([customer(), customer()]);
    await asker.api.post('/api/claims/code', { number: app.number, phone });
    const stolen = await other.api.post<ErrorReply>('/api/claims', { number: app.number, phone, smsCode: lastCode(sms, phone) });
    expect(fieldMessage(stolen.body, 'smsCode')).toBe('请先获取验证码');
    expect(await myNumbers(other)).not.toContain(app.number);
  });

  it('lets one of two accounts claiming at once win; the other gets 409 and nothing changes for it', async () => {
    const phone = randomMobile();
    const app = await atCounter(phone);
    const [a, b] = await Promise.all([customer(), customer()]);
    await a.api.post('/api/claims/code', { number: app.number, phone });
    const codeA = lastCode(sms, phone);
    await minuteLater(phone);
    await b.api.post('/api/claims/code', { number: app.number, phone });
    const codeB = lastCode(sms, phone);
    expect(codeB).not.toBe(undefined);

    const [ra, rb] = await Promise.all([
      a.api.post<ErrorReply>('/api/claims', { number: app.number, phone, smsCode: codeA }),
      b.api.post<ErrorReply>('/api/claims', { number: app.number, phone, smsCode: codeB }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const loser = ra.status === 409 ? ra : rb;
    expect(loser.body.error.message).toBe('该报装已被其他账号认领');
    const owners = [(await myNumbers(a)).includes(app.number), (await myNumbers(b)).includes(app.number)];
    expect(owners.filter(Boolean)).toHaveLength(1);
    const claims = (await history(crew.window_clerk.api, app.id)).filter((e) => e.action === CLAIM_HISTORY_ACTION);
    expect(claims).toHaveLength(1);
    expect(await AuditEvent.count({ where: { action: 'application.claim', targetId: String(app.id) } })).toBe(1);
  });

  it('does not offer applications made online: they have their account already', async () => {
    const phone = randomMobile();
    const owner = await customer();
    const online = await owner.api.post<{ data: Detail }>('/api/applications', enterpriseForm({ contactPhone: phone }));
    expect(online.status).toBe(201);
    const me = await customer();
    await me.api.post('/api/claims/code', { number: online.body.data.number, phone });
    expect(sms.sentTo(phone)).toHaveLength(0);
    const detail = await crew.window_clerk.api.get<{ data: Detail }>(`/api/applications/${online.body.data.id}`);
    expect(detail.body.data.permissions.sendClaimSms).toBe(false);
    const refused = await crew.window_clerk.api.post<ErrorReply>(`/api/applications/${online.body.data.id}/claim-sms`);
    expect([refused.status, refused.body.error.message]).toEqual([409, '该报装已有报装用户账号，无需认领']);
  });
});

describe('发送认领短信', () => {
  it('texts the customer the claim link when the window clerk asks, once a minute at most, and audits it', async () => {
    const phone = randomMobile();
    const app = await atCounter(phone);
    expect(app.permissions.sendClaimSms).toBe(true);
    const res = await crew.window_clerk.api.post<{ data: ClaimSmsView }>(`/api/applications/${app.id}/claim-sms`);
    expect(res.status).toBe(200);
    expect(res.body.data.sentTo).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(res.body.data.link).toMatch(new RegExp(`/h5/pages/applications/claim/index\\?number=${app.number}$`));
    const text = sms.sentTo(phone).at(-1)?.text ?? '';
    expect(text).toContain(`您在营业厅办理的报装${app.number}可在线查看进度`);
    expect(text).toContain(`/h5/pages/applications/claim/index?number=${app.number}`);
    const again = await crew.window_clerk.api.post<ErrorReply>(`/api/applications/${app.id}/claim-sms`);
    expect([again.status, again.body.error.message]).toEqual([429, '刚刚已发送认领短信，请1分钟后再试']);
    expect(await AuditEvent.count({ where: { action: 'application.claim_sms', targetId: String(app.id) } })).toBe(1);
  });

  it('is the window clerk’s: other staff are refused, as the permission says', async () => {
    const app = await atCounter(randomMobile());
    for (const user of [crew.designer, crew.reviewer, crew.admin]) {
      const detail = await user.api.get<{ data: Detail }>(`/api/applications/${app.id}`);
      expect(detail.body.data.permissions.sendClaimSms).toBe(false);
      expect((await user.api.post(`/api/applications/${app.id}/claim-sms`)).status).toBe(403);
    }
    const landline = await atCounter('020-88886666');
    expect(landline.permissions.sendClaimSms).toBe(false);
    const refused = await crew.window_clerk.api.post<ErrorReply>(`/api/applications/${landline.id}/claim-sms`);
    expect(refused.body.error.message).toBe('联系电话不是手机号，无法发送短信');
    const stranger = await customer();
    expect((await stranger.api.post(`/api/applications/${app.id}/claim-sms`)).status).toBe(403);
  });

  it('tells the clerk when the platform refuses, and a refused send can be retried at once', async () => {
    const phone = randomMobile();
    const app = await atCounter(phone);
    sms.failNext('isv.AMOUNT_NOT_ENOUGH');
    const refused = await crew.window_clerk.api.post<ErrorReply>(`/api/applications/${app.id}/claim-sms`);
    expect([refused.status, refused.body.error.message]).toEqual([503, '短信发送失败，请稍后再试或联系营业厅']);
    expect((await crew.window_clerk.api.post(`/api/applications/${app.id}/claim-sms`)).status).toBe(200);
  });
});
