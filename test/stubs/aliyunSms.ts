import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A small stand-in for Aliyun 短信服务 (dysmsapi.aliyuncs.com) on 127.0.0.1, for the real SDK
 * (`@alicloud/dysmsapi20170525`) to talk to. It follows:
 * - 阿里云 SDK「V3 版本请求体 & 签名机制」(help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature):
 *   the ACS3-HMAC-SHA256 Authorization header is recomputed from the canonical request and compared;
 *   x-acs-content-sha256, x-acs-date (±15 min) and a signature nonce used once are checked; failures
 *   answer HTTP 4xx with `Code` InvalidAccessKeyId.NotFound / SignatureDoesNotMatch / SignatureNonceUsed.
 * - 短信服务 API 参考「SendSms」(help.aliyun.com/zh/sms/developer-reference/api-dysmsapi-2017-05-25-sendsms):
 *   PhoneNumbers, SignName, TemplateCode, TemplateParam (JSON) in the query; the reply
 *   `{ Code, Message, BizId, RequestId }` with HTTP 200 also for business errors.
 * - 「API 错误码」(help.aliyun.com/zh/sms/developer-reference/api-error-codes): isv.SMS_SIGNATURE_ILLEGAL,
 *   isv.SMS_TEMPLATE_ILLEGAL, isv.MOBILE_NUMBER_ILLEGAL, isv.TEMPLATE_MISSING_PARAMETERS,
 *   isv.PARAM_LENGTH_LIMIT (35 characters a variable), isv.BUSINESS_LIMIT_CONTROL.
 * - 「发送频率限制」(help.aliyun.com/zh/sms/user-guide/set-sending-frequency): by default per number and
 *   template 1 a minute, 5 an hour, 10 a day (触发分钟级流控Permits:1 / 小时级 / 天级).
 */

export interface StubSms {
  phone: string;
  signName: string;
  templateCode: string;
  params: Record<string, string>;
  /** The template's content with its variables filled: what the phone shows. */
  text: string;
  bizId: string;
  at: Date;
}

export interface StubSmsRequest {
  action: string;
  query: Record<string, string>;
  status: number;
  code: string;
}

const PARAM_MAX = 35;

/** Percent-encoding as the V3 signature document specifies (RFC 3986, `~` kept). */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export class AliyunSmsStub {
  url = '';
  readonly accessKeyId = `LTAI${randomBytes(8).toString('hex')}`;
  readonly accessKeySecret = randomBytes(15).toString('base64url');
  /** Signatures approved in the console. */
  readonly signNames = new Set<string>(['自来水有限公司']);
  /** Approved templates: code → content with `${name}` variables. */
  readonly templates = new Map<string, string>();
  /** Flow control per number and template (console defaults). */
  limits = { perMinute: 1, perHour: 5, perDay: 10 };
  /** Accepted messages, in order. */
  readonly sent: StubSms[] = [];
  /** Every request, answered or not. */
  readonly requests: StubSmsRequest[] = [];
  /** The platform's clock (tests move it to pass flow-control windows). */
  now: () => number = () => Date.now();
  private readonly usedNonces = new Set<string>();
  private readonly forced: string[] = [];
  private dropNext = 0;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The environment that points the server's SMS at this stub. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ALIYUN_SMS_ACCESS_KEY_ID: this.accessKeyId,
      ALIYUN_SMS_ACCESS_KEY_SECRET: this.accessKeySecret,
      ALIYUN_SMS_SIGN_NAME: [...this.signNames][0] ?? '',
      ALIYUN_SMS_ENDPOINT: this.url,
      ...extra,
    };
  }

  /** Approves a template, e.g. `addTemplate('SMS_100001', '您的报装${number}：${text}')`. */
  addTemplate(code: string, content: string): this {
    this.templates.set(code, content);
    return this;
  }

  /** The next SendSms answers with this business error code (e.g. isv.AMOUNT_NOT_ENOUGH). */
  failNext(code: string): void {
    this.forced.push(code);
  }

  /** The next request is read, accepted, and the connection dropped without an answer. */
  dropNextAfterSending(): void {
    this.dropNext += 1;
  }

  sentTo(phone: string): StubSms[] {
    return this.sent.filter((m) => m.phone === phone);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://stub');
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (query[k] = v));
    if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      new URLSearchParams(body.toString('utf8')).forEach((v, k) => (query[k] = v));
    }
    const action = String(req.headers['x-acs-action'] ?? query.Action ?? '');
    const requestId = randomBytes(16).toString('hex').toUpperCase();
    const answer = (status: number, reply: Record<string, unknown>) => {
      this.requests.push({ action, query, status, code: String(reply.Code ?? '') });
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'x-acs-request-id': requestId });
      res.end(JSON.stringify({ RequestId: requestId, ...reply }));
    };
    const authError = this.checkSignature(req, url, body);
    if (authError) {
      answer(authError.status, { Code: authError.code, Message: authError.message, HostId: 'dysmsapi.aliyuncs.com' });
      return;
    }
    if (action !== 'SendSms' || req.headers['x-acs-version'] !== '2017-05-25') {
      answer(404, { Code: 'InvalidAction.NotFound', Message: `Specified api is not found, please check your url and method.` });
      return;
    }
    const reply = this.sendSms(query);
    if (this.dropNext > 0 && reply.Code === 'OK') {
      this.dropNext -= 1;
      this.requests.push({ action, query, status: 0, code: 'dropped' });
      req.socket.destroy();
      return;
    }
    answer(200, reply);
  }

  /** The V3 signature, recomputed from what arrived. */
  private checkSignature(req: IncomingMessage, url: URL, body: Buffer): { status: number; code: string; message: string } | null {
    const auth = String(req.headers.authorization ?? '');
    const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(auth);
    if (!match?.[1] || !match[2] || !match[3]) {
      return { status: 400, code: 'MissingAuthorization', message: 'Authorization is mandatory for this action.' };
    }
    if (match[1] !== this.accessKeyId) {
      return { status: 404, code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.' };
    }
    const payloadHash = sha256(body);
    if (req.headers['x-acs-content-sha256'] !== payloadHash) {
      return { status: 400, code: 'ContentSHA256NotMatched', message: 'The x-acs-content-sha256 does not match the request body.' };
    }
    const date = Date.parse(String(req.headers['x-acs-date'] ?? ''));
    if (!Number.isFinite(date) || Math.abs(date - Date.now()) > 15 * 60_000) {
      return { status: 400, code: 'InvalidTimeStamp.Expired', message: 'Specified time stamp or date value is expired.' };
    }
    const signed = match[2].split(';');
    for (const required of ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version']) {
      if (!signed.includes(required)) {
        return { status: 400, code: 'SignatureDoesNotMatch', message: `Header ${required} must be signed.` };
      }
    }
    const params: [string, string][] = [];
    url.searchParams.forEach((v, k) => params.push([k, v]));
    const canonicalQuery = params
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${encode(k)}=${encode(v)}`)
      .join('&');
    const canonicalHeaders = signed.map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`).join('');
    const canonicalRequest = [req.method, url.pathname, canonicalQuery, canonicalHeaders, signed.join(';'), payloadHash].join('\n');
    const stringToSign = `ACS3-HMAC-SHA256\n${sha256(canonicalRequest)}`;
    const expected = createHmac('sha256', this.accessKeySecret).update(stringToSign).digest('hex');
    if (expected !== match[3]) {
      return {
        status: 400,
        code: 'SignatureDoesNotMatch',
        message: `Specified signature does not match our calculation. server string to sign is:${stringToSign}`,
      };
    }
    const nonce = String(req.headers['x-acs-signature-nonce'] ?? '');
    if (this.usedNonces.has(nonce)) {
      return { status: 400, code: 'SignatureNonceUsed', message: 'Specified signature nonce was used already.' };
    }
    this.usedNonces.add(nonce);
    return null;
  }

  private sendSms(q: Record<string, string>): Record<string, unknown> {
    const forced = this.forced.shift();
    if (forced) {
      return { Code: forced, Message: forced };
    }
    if (!q.SignName || !this.signNames.has(q.SignName)) {
      return { Code: 'isv.SMS_SIGNATURE_ILLEGAL', Message: '该账号下找不到对应签名' };
    }
    const content = q.TemplateCode ? this.templates.get(q.TemplateCode) : undefined;
    if (content === undefined || !q.TemplateCode) {
      return { Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: '该账号下找不到对应模板' };
    }
    const phone = q.PhoneNumbers ?? '';
    if (!/^1[3-9][0-9]{9}$/.test(phone)) {
      return { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: `${phone}invalid` };
    }
    let params: Record<string, unknown>;
    try {
      params = JSON.parse(q.TemplateParam ?? '{}') as Record<string, unknown>;
    } catch {
      return { Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法，只接受字符串值' };
    }
    const names = [...content.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] ?? '');
    for (const name of names) {
      const value = params[name];
      if (typeof value !== 'string' || value === '') {
        return { Code: 'isv.TEMPLATE_MISSING_PARAMETERS', Message: `模板变量缺少对应参数值:${name}` };
      }
      if ([...value].length > PARAM_MAX) {
        return { Code: 'isv.PARAM_LENGTH_LIMIT', Message: `参数超出长度限制:${name}` };
      }
    }
    const now = this.now();
    const mine = this.sent.filter((m) => m.phone === phone && m.templateCode === q.TemplateCode);
    const within = (ms: number) => mine.filter((m) => now - m.at.getTime() < ms).length;
    if (within(60_000) >= this.limits.perMinute) {
      return { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: `触发分钟级流控Permits:${this.limits.perMinute}` };
    }
    if (within(3_600_000) >= this.limits.perHour) {
      return { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: `触发小时级流控Permits:${this.limits.perHour}` };
    }
    if (within(86_400_000) >= this.limits.perDay) {
      return { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: `触发天级流控Permits:${this.limits.perDay}` };
    }
    const bizId = `${Math.floor(now / 1000)}${randomBytes(4).readUInt32BE(0)}^0`;
    const strings = Object.fromEntries(names.map((n) => [n, String(params[n])]));
    this.sent.push({
      phone,
      signName: q.SignName,
      templateCode: q.TemplateCode,
      params: strings,
      text: `【${q.SignName}】${content.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, n: string) => strings[n] ?? '')}`,
      bizId,
      at: new Date(now),
    });
    return { Code: 'OK', Message: 'OK', BizId: bizId };
  }
}
