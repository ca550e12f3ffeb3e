import { randomInt } from 'node:crypto';
import type { ClaimResultView, CodeSentView } from '@wc/shared';
import { SmsTemplate } from '../../src/models';
import { AliyunSmsStub } from '../../../test/stubs/aliyunSms';
import { Api } from '../support/api';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * A server whose SMS goes through the real Aliyun SDK to the loopback stub, with the two templates
 * this feature sends configured as an administrator would (短信模板设置). The claim template keeps
 * the link's host fixed in its text, as Aliyun requires (a variable may only be the path's end).
 */
export async function startWithSms(env: Record<string, string> = {}): Promise<{ server: TestServer; sms: AliyunSmsStub }> {
  // Behind a proxy as in production, so each test can be its own client address (X-Forwarded-For)
  // and one test's requests do not use up another's per-address limits.
  process.env.TRUST_PROXY = 'true';
  const sms = await new AliyunSmsStub().start();
  // The tests pass the code limits by backdating codes; the SMS quota's windows follow the clock,
  // so they allow a few codes a minute here.
  const server = await startTestServer(sms.env({ SMS_LIMIT_PER_PHONE_MINUTE: '3', ...env }));
  sms.addTemplate('SMS_900001', '您的验证码为${code}，5分钟内有效，请勿泄露给他人。');
  sms.addTemplate(
    'SMS_900002',
    `您在营业厅办理的报装\${number}可在线查看进度，请打开 ${server.url}/h5/pages/applications/claim/index?number=\${no} 认领。`,
  );
  await SmsTemplate.create({
    key: 'verification_code',
    templateCode: 'SMS_900001',
    params: [{ name: 'code', value: 'code' }],
    enabled: true,
  });
  await SmsTemplate.create({
    key: 'claim_link',
    templateCode: 'SMS_900002',
    params: [
      { name: 'number', value: 'number' },
      { name: 'no', value: 'number' },
    ],
    enabled: true,
  });
  return { server, sms };
}

let lastAddress = 0;

/** A client at an address of its own (the server trusts X-Forwarded-For from its proxy). */
export function clientAt(baseUrl: string, token?: string): Api {
  lastAddress += 1;
  const address = `10.9.${Math.floor(lastAddress / 250)}.${(lastAddress % 250) + 1}`;
  const api = new Api(baseUrl, token);
  const request = api.request.bind(api);
  api.request = (method, path, body, headers = {}) => request(method, path, body, { 'x-forwarded-for': address, ...headers });
  return api;
}

/** A mobile number no other test uses. */
export function randomMobile(): string {
  return `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;
}

/** The code in the last SMS the phone received, as its owner reads it. */
export function lastCode(sms: AliyunSmsStub, phone: string): string {
  const text = sms.sentTo(phone).at(-1)?.text ?? '';
  const code = /验证码为(\d{6})/.exec(text)?.[1];
  if (!code) {
    throw new Error(`no code sent to ${phone}: ${text}`);
  }
  return code;
}

/** A six-digit code that is not `code`. */
export function wrongCode(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

/** The claim link in the last SMS the phone received (template `claim_link`), as the customer taps it. */
export function lastClaimLink(sms: AliyunSmsStub, phone: string): string {
  const text = sms.sentTo(phone).at(-1)?.text ?? '';
  const link = /(https?:\/\/\S+number=BZ\d+)/.exec(text)?.[1];
  if (!link) {
    throw new Error(`no claim link sent to ${phone}: ${text}`);
  }
  return link;
}

/**
 * 认领报装 as a customer's phone does it, for tests and demos (npm run demo:reach): ask for a code
 * for `number` + `phone`, read it (from the SMS stub, or `localCode` in local mode), claim.
 * Resolves the claimed application's id and number; throws with the server's answer otherwise.
 */
export async function claimWithSms(
  api: Api,
  number: string,
  phone: string,
  readCode: (sent: CodeSentView) => string | Promise<string>,
): Promise<ClaimResultView> {
  const sent = await api.post<{ data: CodeSentView }>('/api/claims/code', { number, phone });
  if (sent.status !== 200) {
    throw new Error(`claim code → ${sent.status} ${JSON.stringify(sent.body)}`);
  }
  const smsCode = await readCode(sent.body.data);
  const claimed = await api.post<{ data: ClaimResultView }>('/api/claims', { number, phone, smsCode });
  if (claimed.status !== 200) {
    throw new Error(`claim → ${claimed.status} ${JSON.stringify(claimed.body)}`);
  }
  return claimed.body.data;
}
