import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { menuProblem, toSelfMenu, type ApiMenuButton, type SelfMenuButton } from './wechatMenu';
import { dataProblems, keywordProblems, templateKeywords } from './wechatRules';

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
  /** Which API issued it: `cgi-bin/token` (classic) or `cgi-bin/stable_token` (stable); the two are isolated. */
  kind: 'classic' | 'stable';
  expiresAt: number;
  revokedWith: number | null;
  /** Classic tokens: when a newer one was issued (it then works for five more minutes). */
  supersededAt: number | null;
}

/** A subscribe-message template of the mini program's account, as `wxaapi/newtmpl/gettemplate` lists it. */
export interface StubSubscribeTemplate {
  priTmplId: string;
  title: string;
  content: string;
  example: string;
  type: number;
}

/** A template of the official account, as `cgi-bin/template/get_all_private_template` lists it. */
export interface StubOfficialTemplate {
  template_id: string;
  title: string;
  primary_industry: string;
  deputy_industry: string;
  content: string;
  example: string;
}

/** The templates `stubEnv` names, with the keywords of the server's default keyword maps. */
export const DEFAULT_SUBSCRIBE_TEMPLATE: StubSubscribeTemplate = {
  priTmplId: 'TPL_SUB_PROGRESS',
  title: '业务办理进度通知',
  content:
    '业务编号{{character_string1.DATA}}\n办理事项{{thing2.DATA}}\n办理状态{{phrase3.DATA}}\n更新时间{{time4.DATA}}\n申请单位{{thing5.DATA}}\n',
  example: '业务编号BZ2025030514\n办理事项申请已受理\n办理状态已受理\n更新时间2025年3月5日 14:07\n申请单位珠江摩尔\n',
  type: 2,
};
export const DEFAULT_OFFICIAL_TEMPLATE: StubOfficialTemplate = {
  template_id: 'TPL_OA_PROGRESS',
  title: '报装进度通知',
  primary_industry: '政府与公共事业',
  deputy_industry: '水务',
  content: '报装编号{{character_string1.DATA}}\n申请单位{{thing2.DATA}}\n办理进度{{thing3.DATA}}\n更新时间{{time4.DATA}}',
  example: '报装编号BZ2025030514\n申请单位珠江摩尔\n办理进度申请已受理\n更新时间2025年3月5日 14:07',
};

const FIVE_MINUTES = 5 * 60_000;

type Handler = (req: RecordedRequest, res: ServerResponse) => unknown;

interface OauthCode {
  openid: string;
  unionid: string | null;
  scope: 'snsapi_base' | 'snsapi_userinfo';
  snapshot: boolean;
  used: boolean;
}

export class WechatStub {
  url = '';
  readonly requests: RecordedRequest[] = [];
  readonly messages: DeliveredMessage[] = [];
  /** Messages refused for their content (47003), with the problems found. */
  readonly rejected: { path: string; problems: string[] }[] = [];
  tokenTtlSeconds = 7200;
  /** Shifts the stub's clock (token lifetimes, grace periods), so a test can let hours pass. */
  clockOffsetMs = 0;
  /**
   * Pages of the mini program's released (线上) version; null = every page is released. A subscribe
   * message with `miniprogram_state: formal` and a page outside it is refused (41030).
   */
  releasedPages: Set<string> | null = null;
  /** Whether the mini program is linked to the official account (公众号 → 小程序管理 → 关联小程序). */
  miniProgramLinked = false;
  readonly subscribeTemplates: StubSubscribeTemplate[] = [{ ...DEFAULT_SUBSCRIBE_TEMPLATE }];
  readonly officialTemplates: StubOfficialTemplate[] = [{ ...DEFAULT_OFFICIAL_TEMPLATE }];
  /** Delay before answering a token request: widens the window in which two processes could both fetch. */
  tokenDelayMs = 0;

  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly apps = new Map<string, StubApp>();
  private readonly tokens = new Map<string, TokenInfo>();
  private readonly fetches = new Map<string, number>();
  private readonly stableCurrent = new Map<string, string>();
  private readonly stuckStable = new Set<string>();
  private readonly forced = new Map<string, { day: string; count: number; lastAt: number }>();
  private readonly loginCodes = new Map<string, { appId: string; openid: string; unionid: string | null; used: boolean }>();
  private readonly phoneCodes = new Map<string, { phone: string; used: boolean }>();
  private readonly oauthCodes = new Map<string, OauthCode>();
  private readonly followers = new Map<string, { subscribe: boolean; unionid: string | null }>();
  private readonly consents = new Map<string, number>();
  private readonly failures = new Map<string, { errcode: number; errmsg: string; times: number }[]>();
  private readonly holds = new Map<string, () => Promise<void>>();
  private seq = 0;
  /** The account's menu as WeChat holds it: set in the console (setConsoleMenu) or by menu/create. */
  menu: { isOpen: boolean; buttons: SelfMenuButton[] } = { isOpen: false, buttons: [] };
  /**
   * The WeChat user looking at the OAuth page (the menu's web login). `snapshot`: they are on a
   * 朋友圈 snapshot page (快照页模式), where WeChat hands out a virtual openid instead of theirs.
   */
  oauthUser: { openid: string; unionid: string | null; snapshot?: boolean } | null = null;

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

  /**
   * A web-authorization code for this WeChat user, as the authorize page would hand it out.
   * `unionid` is the person's; WeChat only reveals it for scope snsapi_userinfo.
   */
  oauthCode(
    openid: string,
    unionid: string | null = null,
    options: { scope?: 'snsapi_base' | 'snsapi_userinfo'; snapshot?: boolean } = {},
  ): string {
    const code = `oc_${randomBytes(8).toString('hex')}`;
    this.oauthCodes.set(code, { openid, unionid, scope: options.scope ?? 'snsapi_base', snapshot: options.snapshot ?? false, used: false });
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

  /** The utility's menu as made in the console (公众平台 › 自定义菜单), before any menu/create. */
  setConsoleMenu(buttons: SelfMenuButton[]): void {
    this.menu = { isOpen: buttons.length > 0, buttons };
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

  /**
   * Makes every current token of the app answer `errcode` (40001 invalid, 42001 expired). The
   * stable token is revoked with them, so the next normal-mode `stable_token` issues a new one —
   * unless `stillHandedOut`: WeChat refuses the stable token yet normal mode keeps handing it out
   * until a forced refresh (not a documented state; the one a forced refresh is for).
   */
  revokeTokens(appId: string, errcode: 40001 | 42001 | 40014, options: { stillHandedOut?: boolean } = {}): void {
    for (const info of this.tokens.values()) {
      if (info.appId === appId) {
        info.revokedWith = errcode;
      }
    }
    if (options.stillHandedOut) {
      this.stuckStable.add(appId);
    } else {
      this.stableCurrent.delete(appId);
    }
  }

  /** Tokens handed out for the app by either token API (a normal-mode repeat counts too). */
  tokenFetches(appId: string): number {
    return this.fetches.get(appId) ?? 0;
  }

  /** The stub's "now" (real time plus `clockOffsetMs`). */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Lets time pass for WeChat: tokens age, grace periods run out. */
  advance(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** Makes WeChat agree that `token` has only `seconds` left (for tests that age a stored token). */
  expireIn(token: string, seconds: number): void {
    const info = this.tokens.get(token);
    if (info) {
      info.expiresAt = this.now() + seconds * 1000;
    }
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
    // 获取接口调用凭据 (cgi-bin/token): "重复获取将导致上次获取的 access_token 失效" — after the
    // five minutes in which "新老 access_token 都可用".
    if (info.supersededAt !== null && this.now() > info.supersededAt + FIVE_MINUTES) {
      return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
    }
    if (this.now() > info.expiresAt) {
      return { errcode: 42001, errmsg: 'access_token expired' };
    }
    return { appId: info.appId };
  }

  private issueToken(appId: string, kind: TokenInfo['kind']): { token: string; expiresIn: number } {
    this.fetches.set(appId, this.tokenFetches(appId) + 1);
    const token = `AT_${appId}_${kind}_${this.tokenFetches(appId)}_${randomBytes(6).toString('hex')}`;
    this.tokens.set(token, { appId, kind, expiresAt: this.now() + this.tokenTtlSeconds * 1000, revokedWith: null, supersededAt: null });
    return { token, expiresIn: this.tokenTtlSeconds };
  }

  /** The app's stable token while WeChat still hands it out, with its seconds left. */
  private currentStable(appId: string): { token: string; left: number } | null {
    const token = this.stableCurrent.get(appId);
    const info = token ? this.tokens.get(token) : undefined;
    if (!token || !info || (info.revokedWith && !this.stuckStable.has(appId))) {
      return null;
    }
    const left = Math.floor((info.expiresAt - this.now()) / 1000);
    return left > 0 ? { token, left } : null;
  }

  private routes(): Record<string, Handler> {
    const mpId = this.miniProgram.appId;
    const oaId = this.officialAccount.appId;
    return {
      // 获取接口调用凭据 (getAccessToken, GET cgi-bin/token): each call issues a new token and
      // "重复获取将导致上次获取的 access_token 失效" — the previous one works five more minutes.
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
        for (const info of this.tokens.values()) {
          if (info.appId === app.appId && info.kind === 'classic' && info.supersededAt === null) {
            info.supersededAt = this.now();
          }
        }
        const issued = this.issueToken(app.appId, 'classic');
        return this.json(r, res, { access_token: issued.token, expires_in: issued.expiresIn });
      },
      // 获取稳定版接口调用凭据 (getStableAccessToken, POST JSON cgi-bin/stable_token), isolated from
      // cgi-bin/token ("与 getAccessToken 获取的调用凭证完全隔离，互不影响"):
      // - normal mode: the same token while it is valid, with its remaining expires_in; in its last
      //   five minutes a new one ("平台会提前 5 分钟更新"), the old one still working until it expires;
      // - force_refresh: a new token, the previous one invalid at once ("会导致上次获取的 access_token
      //   失效"); 20 a day ("强制刷新模式每天限用 20 次") and at least 30 s apart ("否则不会刷新").
      'cgi-bin/stable_token': async (r, res) => {
        if (r.method !== 'POST') {
          return this.json(r, res, { errcode: 43002, errmsg: 'require POST method' });
        }
        const b = (r.body && typeof r.body === 'object' ? r.body : {}) as {
          grant_type?: unknown;
          appid?: unknown;
          secret?: unknown;
          force_refresh?: unknown;
        };
        if (typeof b.appid !== 'string' || !b.appid) {
          return this.json(r, res, { errcode: 41002, errmsg: 'appid missing' });
        }
        if (typeof b.secret !== 'string' || !b.secret) {
          return this.json(r, res, { errcode: 41004, errmsg: 'appsecret missing' });
        }
        if (b.grant_type !== 'client_credential') {
          return this.json(r, res, { errcode: 40002, errmsg: 'invalid grant_type' });
        }
        const app = this.apps.get(b.appid);
        if (!app) {
          return this.json(r, res, { errcode: 40013, errmsg: 'invalid appid' });
        }
        if (app.secret !== b.secret) {
          return this.json(r, res, { errcode: 40125, errmsg: 'invalid appsecret' });
        }
        if (this.tokenDelayMs) {
          await new Promise((resolve) => setTimeout(resolve, this.tokenDelayMs));
        }
        const current = this.currentStable(app.appId);
        if (b.force_refresh === true) {
          const day = new Date(this.now() + 8 * 3_600_000).toISOString().slice(0, 10);
          const log = this.forced.get(app.appId);
          const today = log?.day === day ? log : { day, count: 0, lastAt: 0 };
          if (today.count >= 20) {
            return this.json(r, res, { errcode: 45009, errmsg: 'reach max api daily quota limit' });
          }
          if (current && this.now() - today.lastAt < 30_000) {
            this.fetches.set(app.appId, this.tokenFetches(app.appId) + 1);
            return this.json(r, res, { access_token: current.token, expires_in: current.left });
          }
          for (const info of this.tokens.values()) {
            if (info.appId === app.appId && info.kind === 'stable' && !info.revokedWith) {
              info.revokedWith = 40001;
            }
          }
          this.stuckStable.delete(app.appId);
          this.forced.set(app.appId, { day, count: today.count + 1, lastAt: this.now() });
        } else if (current && current.left > 300) {
          this.fetches.set(app.appId, this.tokenFetches(app.appId) + 1);
          return this.json(r, res, { access_token: current.token, expires_in: current.left });
        }
        const issued = this.issueToken(app.appId, 'stable');
        this.stableCurrent.set(app.appId, issued.token);
        return this.json(r, res, { access_token: issued.token, expires_in: issued.expiresIn });
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
        // 发送订阅消息 › 错误码: 40037 template_id 不正确; 47003 模板参数不准确 — a keyword the
        // template lacks, one of its keywords left out, or a value breaking its type's rules.
        const template = this.subscribeTemplates.find((t) => t.priTmplId === b.template_id);
        if (!template) {
          return this.json(r, res, { errcode: 40037, errmsg: 'invalid template_id' });
        }
        const problems = [...keywordProblems(templateKeywords(template.content), b.data), ...dataProblems(b.data)];
        if (problems.length) {
          this.rejected.push({ path: r.path, problems });
          return this.json(r, res, { errcode: 47003, errmsg: `argument invalid! ${problems.join('; ')}` });
        }
        // 发送订阅消息 › 错误码 41030: "page路径不正确，需要保证在现网版本小程序中存在" — with
        // miniprogram_state formal (the default) the page must be in the released version.
        const pagePath = (b.page ?? '').replace(/^\//, '').split('?')[0] ?? '';
        if (pagePath && (b.miniprogram_state ?? 'formal') === 'formal' && this.releasedPages && !this.releasedPages.has(pagePath)) {
          return this.json(r, res, { errcode: 41030, errmsg: 'invalid page' });
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
        // 发送模板消息 › 错误码: 40037 invalid template_id; 47003 参数不正确 (keywords as for
        // subscribe messages since the 2023-05 rules).
        const template = this.officialTemplates.find((t) => t.template_id === b.template_id);
        if (!template) {
          return this.json(r, res, { errcode: 40037, errmsg: 'invalid template_id' });
        }
        const problems = [...keywordProblems(templateKeywords(template.content), b.data), ...dataProblems(b.data)];
        if (problems.length) {
          this.rejected.push({ path: r.path, problems });
          return this.json(r, res, { errcode: 47003, errmsg: `argument invalid! ${problems.join('; ')}` });
        }
        // 发送模板消息 › miniprogram: "跳小程序所需数据，不需跳小程序可不用传该数据" — only a mini
        // program linked to the account (关联小程序) can be opened. An unknown appid is 40166 invalid
        // weapp appid; the account's own mini program while not linked answers 40165 invalid weapp
        // pagepath (what WeChat answers an account with no linked mini program, per the developer
        // community's reports; the docs list both codes without saying which case gives which).
        if (b.miniprogram) {
          if (b.miniprogram.appid !== mpId) {
            return this.json(r, res, { errcode: 40166, errmsg: 'invalid weapp appid' });
          }
          if (!this.miniProgramLinked) {
            return this.json(r, res, { errcode: 40165, errmsg: 'invalid weapp pagepath' });
          }
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
      // 小程序 › 订阅消息 › 获取个人模板列表 (getTemplateList, GET wxaapi/newtmpl/gettemplate):
      // `data: [{ priTmplId, title, content: '名称{{thing1.DATA}}\n…', example, type }]`.
      'wxaapi/newtmpl/gettemplate': (r, res) => {
        const check = this.tokenCheck(r.query.access_token);
        if ('errcode' in check || check.appId !== mpId) {
          return this.json(r, res, 'errcode' in check ? check : { errcode: 40001, errmsg: 'token of another app' });
        }
        return this.json(r, res, { errcode: 0, errmsg: 'ok', data: this.subscribeTemplates.map((t) => ({ ...t })) });
      },
      // 公众号 › 模板消息 › 获取已选用模板列表 (getAllTemplates, GET cgi-bin/template/get_all_private_template):
      // `template_list: [{ template_id, title, primary_industry, deputy_industry, content, example }]`.
      'cgi-bin/template/get_all_private_template': (r, res) => {
        const check = this.tokenCheck(r.query.access_token);
        if ('errcode' in check || check.appId !== oaId) {
          return this.json(r, res, 'errcode' in check ? check : { errcode: 40001, errmsg: 'token of another app' });
        }
        return this.json(r, res, { template_list: this.officialTemplates.map((t) => ({ ...t })) });
      },
      'cgi-bin/user/info': (r, res) => {
        const check = this.tokenCheck(r.query.access_token);
        if ('errcode' in check || check.appId !== oaId) {
          return this.json(r, res, 'errcode' in check ? check : { errcode: 40001, errmsg: 'token of another app' });
        }
        if (!r.query.openid) {
          return this.json(r, res, { errcode: 40003, errmsg: 'invalid openid' });
        }
        // 获取用户基本信息(UnionID机制): "subscribe 值为0时，代表此用户没有关注该公众号，拉取不到其余信息"
        // — a non-follower gets `subscribe: 0` and its openid, no unionid; a follower's unionid only
        // when the account is bound to an open-platform account.
        const follower = this.followers.get(r.query.openid);
        if (!follower?.subscribe) {
          return this.json(r, res, { subscribe: 0, openid: r.query.openid });
        }
        return this.json(r, res, {
          subscribe: 1,
          openid: r.query.openid,
          language: 'zh_CN',
          subscribe_time: Math.floor(Date.now() / 1000),
          ...(follower.unionid ? { unionid: follower.unionid } : {}),
        });
      },
      // 自定义菜单 › 创建接口: the posted menu REPLACES the account's whole menu — console-made
      // entries included — within the documented limits (wechatMenu.ts).
      'cgi-bin/menu/create': (r, res) => {
        const check = this.tokenCheck(r.query.access_token);
        if ('errcode' in check || check.appId !== oaId) {
          return this.json(r, res, 'errcode' in check ? check : { errcode: 40001, errmsg: 'token of another app' });
        }
        const problem = menuProblem(r.body);
        if (problem) {
          return this.json(r, res, problem);
        }
        this.menu = { isOpen: true, buttons: (r.body as { button: ApiMenuButton[] }).button.map(toSelfMenu) };
        return this.json(r, res, { errcode: 0, errmsg: 'ok' });
      },
      // 自定义菜单 › 查询接口 (getCurrentSelfmenuInfo): the menu in use however it was made, API or
      // console; sub-buttons under `sub_button.list`. With no menu: is_menu_open 0 and no selfmenu_info.
      'cgi-bin/get_current_selfmenu_info': (r, res) => {
        const check = this.tokenCheck(r.query.access_token);
        if ('errcode' in check || check.appId !== oaId) {
          return this.json(r, res, 'errcode' in check ? check : { errcode: 40001, errmsg: 'token of another app' });
        }
        return this.json(
          r,
          res,
          this.menu.isOpen ? { is_menu_open: 1, selfmenu_info: { button: this.menu.buttons } } : { is_menu_open: 0 },
        );
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
        // 网页授权 › 换取用户授权凭证 (sns/oauth2/access_token): `unionid` only for scope
        // snsapi_userinfo — snsapi_base gives the openid alone. A snapshot-page visitor (快照页模式)
        // gets a virtual account: a made-up openid (and unionid) with `is_snapshotuser: 1`.
        const virtual = code.snapshot ? `snap_${randomBytes(8).toString('hex')}` : null;
        return this.json(r, res, {
          access_token: `UAT_${randomBytes(6).toString('hex')}`,
          expires_in: 7200,
          refresh_token: 'RT',
          openid: virtual ?? code.openid,
          scope: code.scope,
          ...(code.unionid && code.scope === 'snsapi_userinfo' ? { unionid: virtual ?? code.unionid } : {}),
          ...(code.snapshot ? { is_snapshotuser: 1 } : {}),
        });
      },
      // 网页授权 › 第一步：用户同意授权，获取code (open.weixin.qq.com's authorize page): snsapi_base
      // never asks, it sends the browser back with a code and the `state` it was given (a-zA-Z0-9,
      // at most 128 bytes; anything else is not passed back faithfully, so we refuse it here).
      'connect/oauth2/authorize': (r, res) => {
        const scope = r.query.scope;
        if (
          r.query.appid !== oaId ||
          (scope !== 'snsapi_base' && scope !== 'snsapi_userinfo') ||
          r.query.response_type !== 'code' ||
          !r.query.redirect_uri ||
          !/^[A-Za-z0-9]{0,128}$/.test(r.query.state ?? '') ||
          !this.oauthUser
        ) {
          return this.json(r, res, { errcode: 10003, errmsg: 'redirect_uri or appid or user invalid' });
        }
        const code = this.oauthCode(this.oauthUser.openid, this.oauthUser.unionid, { scope, snapshot: this.oauthUser.snapshot });
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
