import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dataProblems } from './wechatRules';

/**
 * A small stand-in for api.weixin.qq.com (and open.weixin.qq.com's OAuth page) on 127.0.0.1. It
 * checks what it receives as WeChat would — app credentials, access tokens, codes used once,
 * subscribe consent, followers, field-value rules — and records every request and every message it
 * accepted, so tests and the demo can say exactly what "WeChat" got.
 */

export interface StubApp {
  appId: string;
  secret: string;
}

export interface DeliveredMessage {
  kind: 'subscribe' | 'template';
  appId: string;
  touser: string;
  templateId: string;
  data: Record<string, { value: string }>;
  page?: string;
  url?: string;
  miniprogram?: { appid: string; pagepath: string };
  msgid: string;
  at: Date;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  reply: unknown;
}

interface TokenInfo {
  appId: string;
  expiresAt: number;
  revokedWith: number | null;
}

type Handler = (req: RecordedRequest, res: ServerResponse) => unknown;

export class WechatStub {
  url = '';
  readonly requests: RecordedRequest[] = [];
  readonly messages: DeliveredMessage[] = [];
  /** Messages refused for their content (47003), with the problems found. */
  readonly rejected: { path: string; problems: string[] }[] = [];
  tokenTtlSeconds = 7200;
  /** Delay before answering a token request: widens the window in which two processes could both fetch. */
  tokenDelayMs = 0;

  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly apps = new Map<string, StubApp>();
  private readonly tokens = new Map<string, TokenInfo>();
  private readonly fetches = new Map<string, number>();
  private readonly loginCodes = new Map<string, { appId: string; openid: string; unionid: string | null; used: boolean }>();
  private readonly phoneCodes = new Map<string, { phone: string; used: boolean }>();
  private readonly oauthCodes = new Map<string, { openid: string; unionid: string | null; used: boolean }>();
  private readonly followers = new Map<string, { subscribe: boolean; unionid: string | null }>();
  private readonly consents = new Map<string, number>();
  private readonly failures = new Map<string, { errcode: number; errmsg: string; times: number }[]>();
  private readonly holds = new Map<string, () => Promise<void>>();
  private seq = 0;
  /** The WeChat user looking at the OAuth page (the menu's web login). */
  oauthUser: { openid: string; unionid: string | null } | null = null;

  constructor(
    readonly miniProgram: StubApp,
    readonly officialAccount: StubApp,
  ) {
    this.apps.set(miniProgram.appId, miniProgram);
    this.apps.set(officialAccount.appId, officialAccount);
  }

  async start(port = 0): Promise<this> {
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
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  // ---- scenario set-up ----------------------------------------------------------------------

  /** A `wx.login` code for this WeChat user of the mini program. */
  loginCode(openid: string, unionid: string | null = null): string {
    const code = `lc_${randomBytes(8).toString('hex')}`;
    this.loginCodes.set(code, { appId: this.miniProgram.appId, openid, unionid, used: false });
    return code;
  }

  phoneCode(phone: string): string {
    const code = `pc_${randomBytes(8).toString('hex')}`;
    this.phoneCodes.set(code, { phone, used: false });
    return code;
  }

  oauthCode(openid: string, unionid: string | null = null): string {
    const code = `oc_${randomBytes(8).toString('hex')}`;
    this.oauthCodes.set(code, { openid, unionid, used: false });
    return code;
  }

  /** The user taps 允许 in `wx.requestSubscribeMessage`: one more message may be sent. */
  grantSubscription(openid: string, templateId: string, count = 1): void {
    const key = `${openid}|${templateId}`;
    this.consents.set(key, (this.consents.get(key) ?? 0) + count);
  }

  remainingSubscription(openid: string, templateId: string): number {
    return this.consents.get(`${openid}|${templateId}`) ?? 0;
  }

  setFollower(openid: string, subscribe: boolean, unionid: string | null = null): void {
    this.followers.set(openid, { subscribe, unionid });
  }

  /** The next `times` calls to `path` answer with this error code. */
  failNext(path: string, errcode: number, times = 1, errmsg = 'stub error'): void {
    const list = this.failures.get(path) ?? [];
    list.push({ errcode, errmsg, times });
    this.failures.set(path, list);
  }

  /** The next call to `path` gets no answer until released; resolves when it has arrived. */
  holdNext(path: string): { arrived: Promise<void>; release: () => void } {
    let arrivedResolve: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => {
      arrivedResolve = resolve;
    });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holds.set(path, () => {
      arrivedResolve();
      return gate;
    });
    return { arrived, release: () => release() };
  }

  /** Makes every current token of the app answer `errcode` (40001 invalid, 42001 expired). */
  revokeTokens(appId: string, errcode: 40001 | 42001 | 40014): void {
    for (const info of this.tokens.values()) {
      if (info.appId === appId) {
        info.revokedWith = errcode;
      }
    }
  }

  tokenFetches(appId: string): number {
    return this.fetches.get(appId) ?? 0;
  }

  callsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  // ---- the API ------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stub');
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        // keep text
      }
    }
    const path = url.pathname.replace(/^\//, '');
    const record: RecordedRequest = { method: req.method ?? 'GET', path, query: Object.fromEntries(url.searchParams), body, reply: null };
    this.requests.push(record);
    const hold = this.holds.get(path);
    if (hold) {
      this.holds.delete(path);
      await hold();
    }
    const failure = this.failures.get(path)?.[0];
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) {
        this.failures.get(path)?.shift();
      }
      return this.json(record, res, { errcode: failure.errcode, errmsg: failure.errmsg });
    }
    const handler = this.routes()[path];
    if (!handler) {
      return this.json(record, res, { errcode: 404, errmsg: `stub: unknown path ${path}` });
    }
    await handler(record, res);
  }

  private json(record: RecordedRequest, res: ServerResponse, reply: unknown): void {
    record.reply = reply;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply));
  }

  /** The app a valid access token belongs to, or the error WeChat would answer. */
  private tokenCheck(token: string | undefined): { appId: string } | { errcode: number; errmsg: string } {
    const info = token ? this.tokens.get(token) : undefined;
    if (!info) {
      return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
    }
    if (info.revokedWith) {
      return { errcode: info.revokedWith, errmsg: info.revokedWith === 42001 ? 'access_token expired' : 'invalid credential' };
    }
    if (Date.now() > info.expiresAt) {
      return { errcode: 42001, errmsg: 'access_token expired' };
    }
    return { appId: info.appId };
  }

  private routes(): Record<string, Handler> {
    const mpId = this.miniProgram.appId;
    const oaId = this.officialAccount.appId;
    return {
      'cgi-bin/token': async (r, res) => {
        const app = this.apps.get(r.query.appid ?? '');
        if (r.query.grant_type !== 'client_credential' || !app) {
          return this.json(r, res, { errcode: 40013, errmsg: 'invalid appid' });
        }
        if (app.secret !== r.query.secret) {
          return this.json(r, res, { errcode: 40125, errmsg: 'invalid appsecret' });
        }
        if (this.tokenDelayMs) {
          await new Promise((resolve) => setTimeout(resolve, this.tokenDelayMs));
        }
        this.fetches.set(app.appId, this.tokenFetches(app.appId) + 1);
        const token = `AT_${app.appId}_${this.tokenFetches(app.appId)}_${randomBytes(6).toString('hex')}`;
        this.tokens.set(token, { appId: app.appId, expiresAt: Date.now() + this.tokenTtlSeconds * 1000, revokedWith: null });
        return this.json(r, res, { access_token: token, expires_in: this.tokenTtlSeconds });
      },
      'sns/jscode2session': (r, res) => {
        const app = this.apps.get(r.query.appid ?? '');
        if (!app || app.appId !== mpId || app.secret !== r.query.secret || r.query.grant_type !== 'authorization_code') {
          return this.json(r, res, { errcode: 40013, errmsg: 'invalid appid or secret' });
        }
        const code = this.loginCodes.get(r.query.js_code ?? '');
        if (!code) {
          return this.json(r, res, { errcode: 40029, errmsg: 'invalid code' });
        }
        if (code.used) {
          return this.json(r, res, { errcode: 40163, errmsg: 'code been used' });
        }
        code.used = true;
        return this.json(r, res, {
          openid: code.openid,
          session_key: `SK_${randomBytes(12).toString('base64')}`,
          ...(code.unionid ? { unionid: code.unionid } : {}),
        });
      },
      'wxa/business/getuserphonenumber': (r, res) => {
        const check = this.tokenCheck(r.query.access_token);
        if ('errcode' in check || check.appId !== mpId) {
          return this.json(r, res, 'errcode' in check ? check : { errcode: 40001, errmsg: 'token of another app' });
        }
        const code = this.phoneCodes.get((r.body as { code?: string } | null)?.code ?? '');
        if (!code || code.used) {
          return this.json(r, res, { errcode: 40029, errmsg: 'invalid code' });
        }
        code.used = true;
        return this.json(r, res, {
          errcode: 0,
          errmsg: 'ok',
          phone_info: {
            phoneNumber: code.phone,
            purePhoneNumber: code.phone,
            countryCode: '86',
            watermark: { timestamp: Date.now(), appid: mpId },
          },
        });
      },
      'cgi-bin/message/subscribe/send': (r, res) => {
        const check = this.tokenCheck(r.query.access_token);
        if ('errcode' in check || check.appId !== mpId) {
          return this.json(r, res, 'errcode' in check ? check : { errcode: 40001, errmsg: 'token of another app' });
        }
        const b = (r.body ?? {}) as { touser?: string; template_id?: string; page?: string; data?: unknown; miniprogram_state?: string };
        const problems = dataProblems(b.data);
        if (problems.length) {
          this.rejected.push({ path: r.path, problems });
          return this.json(r, res, { errcode: 47003, errmsg: `argument invalid! ${problems.join('; ')}` });
        }
        const key = `${b.touser}|${b.template_id}`;
        if ((this.consents.get(key) ?? 0) <= 0) {
          return this.json(r, res, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
        }
        this.consents.set(key, (this.consents.get(key) ?? 0) - 1);
        const msgid = String(++this.seq + 100000);
        this.messages.push({
          kind: 'subscribe',
          appId: mpId,
          touser: b.touser ?? '',
          templateId: b.template_id ?? '',
          data: b.data as DeliveredMessage['data'],
          page: b.page,
          msgid,
          at: new Date(),
        });
        return this.json(r, res, { errcode: 0, errmsg: 'ok', msgid: Number(msgid) });
      },
      'cgi-bin/message/template/send': (r, res) => {
        const check = this.tokenCheck(r.query.access_token);
        if ('errcode' in check || check.appId !== oaId) {
          return this.json(r, res, 'errcode' in check ? check : { errcode: 40001, errmsg: 'token of another app' });
        }
        const b = (r.body ?? {}) as {
          touser?: string;
          template_id?: string;
          url?: string;
          miniprogram?: { appid: string; pagepath: string };
          data?: unknown;
        };
        const problems = dataProblems(b.data);
        if (problems.length) {
          this.rejected.push({ path: r.path, problems });
          return this.json(r, res, { errcode: 47003, errmsg: `argument invalid! ${problems.join('; ')}` });
        }
        if (!this.followers.get(b.touser ?? '')?.subscribe) {
          return this.json(r, res, { errcode: 43004, errmsg: 'require subscribe' });
        }
        const msgid = String(++this.seq + 200000);
        this.messages.push({
          kind: 'template',
          appId: oaId,
          touser: b.touser ?? '',
          templateId: b.template_id ?? '',
          data: b.data as DeliveredMessage['data'],
          url: b.url,
          miniprogram: b.miniprogram,
          msgid,
          at: new Date(),
        });
        return this.json(r, res, { errcode: 0, errmsg: 'ok', msgid: Number(msgid) });
      },
      'cgi-bin/user/info': (r, res) => {
        const check = this.tokenCheck(r.query.access_token);
        if ('errcode' in check || check.appId !== oaId) {
          return this.json(r, res, 'errcode' in check ? check : { errcode: 40001, errmsg: 'token of another app' });
        }
        const follower = this.followers.get(r.query.openid ?? '');
        return this.json(r, res, {
          subscribe: follower?.subscribe ? 1 : 0,
          openid: r.query.openid,
          ...(follower?.unionid ? { unionid: follower.unionid } : {}),
          ...(follower?.subscribe ? { subscribe_time: Math.floor(Date.now() / 1000) } : {}),
        });
      },
      'cgi-bin/menu/create': (r, res) => {
        const check = this.tokenCheck(r.query.access_token);
        if ('errcode' in check || check.appId !== oaId) {
          return this.json(r, res, 'errcode' in check ? check : { errcode: 40001, errmsg: 'token of another app' });
        }
        return this.json(r, res, { errcode: 0, errmsg: 'ok' });
      },
      'sns/oauth2/access_token': (r, res) => {
        if (r.query.appid !== oaId || r.query.secret !== this.officialAccount.secret || r.query.grant_type !== 'authorization_code') {
          return this.json(r, res, { errcode: 40013, errmsg: 'invalid appid or secret' });
        }
        const code = this.oauthCodes.get(r.query.code ?? '');
        if (!code) {
          return this.json(r, res, { errcode: 40029, errmsg: 'invalid code' });
        }
        if (code.used) {
          return this.json(r, res, { errcode: 40163, errmsg: 'code been used' });
        }
        code.used = true;
        return this.json(r, res, {
          access_token: `UAT_${randomBytes(6).toString('hex')}`,
          expires_in: 7200,
          refresh_token: 'RT',
          openid: code.openid,
          scope: 'snsapi_base',
          ...(code.unionid ? { unionid: code.unionid } : {}),
        });
      },
      // open.weixin.qq.com's authorize page: silently sends the browser back with a code.
      'connect/oauth2/authorize': (r, res) => {
        if (
          r.query.appid !== oaId ||
          r.query.scope !== 'snsapi_base' ||
          r.query.response_type !== 'code' ||
          !r.query.redirect_uri ||
          !this.oauthUser
        ) {
          return this.json(r, res, { errcode: 10003, errmsg: 'redirect_uri or appid or user invalid' });
        }
        const code = this.oauthCode(this.oauthUser.openid, this.oauthUser.unionid);
        const target = new URL(r.query.redirect_uri);
        target.searchParams.set('code', code);
        target.searchParams.set('state', r.query.state ?? '');
        r.reply = { redirect: target.toString() };
        res.writeHead(302, { location: target.toString() });
        res.end();
      },
    };
  }
}

/** Default stub apps used by tests and the demo. */
export function stubApps(): { miniProgram: StubApp; officialAccount: StubApp } {
  return {
    miniProgram: { appId: `wxmp${randomBytes(6).toString('hex')}`, secret: randomBytes(16).toString('hex') },
    officialAccount: { appId: `wxoa${randomBytes(6).toString('hex')}`, secret: randomBytes(16).toString('hex') },
  };
}

/** The server environment that makes the stub "WeChat". */
export function stubEnv(
  stub: WechatStub,
  extra: { token?: string; aesKey?: string; subscribeTemplate?: string; officialTemplate?: string } = {},
) {
  return {
    WECHAT_API_BASE: stub.url,
    WECHAT_OAUTH_BASE: stub.url,
    WECHAT_MP_APP_ID: stub.miniProgram.appId,
    WECHAT_MP_APP_SECRET: stub.miniProgram.secret,
    WECHAT_OA_APP_ID: stub.officialAccount.appId,
    WECHAT_OA_APP_SECRET: stub.officialAccount.secret,
    WECHAT_OA_TOKEN: extra.token ?? 'pushtoken123',
    WECHAT_OA_AES_KEY: extra.aesKey ?? '',
    WECHAT_SUBSCRIBE_TEMPLATE_ID: extra.subscribeTemplate ?? 'TPL_SUB_PROGRESS',
    WECHAT_OA_TEMPLATE_ID: extra.officialTemplate ?? 'TPL_OA_PROGRESS',
  };
}
