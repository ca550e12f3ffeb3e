import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A small stand-in for qyapi.weixin.qq.com (企业微信) on 127.0.0.1, answering as its documentation
 * says and recording what it accepted, so tests can say exactly what each person and group got:
 * - 获取access_token, developer.work.weixin.qq.com/document/path/91039: GET cgi-bin/gettoken?corpid&corpsecret,
 *   7,200 s, the same token while it is valid; 40013 invalid corpid, 40001 invalid secret.
 * - 发送应用消息, /document/path/90236: POST cgi-bin/message/send?access_token; 40014 invalid and 42001
 *   expired token; 60020 a caller IP outside the app's 企业可信IP; unknown recipients come back in
 *   `invaliduser` (lower-cased) with errcode 0 while some are valid, 81013 when none is; duplicate
 *   checking drops the same message within `duplicate_check_interval`.
 * - 群机器人, /document/path/91770: POST cgi-bin/webhook/send?key; 93000 an invalid key; 45009 past 20
 *   messages a minute per robot.
 */

export interface StubAppMessage {
  touser: string;
  content: string;
  agentid: number;
  msgid: string;
  at: Date;
}

export interface StubRobotMessage {
  key: string;
  content: string;
  mentionedMobiles: string[];
  at: Date;
}

export interface StubWecomCorp {
  corpId: string;
  secret: string;
  agentId: number;
}

export class WecomStub {
  readonly corp: StubWecomCorp;
  /** Userids in the 通讯录 within the app's visible range. */
  readonly users = new Set<string>();
  /** Robot keys that exist, by the group they post into. */
  readonly robotKeys = new Map<string, string>();
  readonly appMessages: StubAppMessage[] = [];
  readonly robotMessages: StubRobotMessage[] = [];
  /** Every call, in order, with its errcode, for assertions about what the client asked. */
  readonly calls: { path: string; errcode: number }[] = [];
  tokenFetches = 0;
  /** Set: only callers from these addresses may send (60020 otherwise), as for apps created after 2022-06-20. */
  trustedIps: string[] | null = null;

  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private tokens = new Map<string, number>();
  private current: { token: string; expiresAt: number } | null = null;
  private readonly robotSends = new Map<string, number[]>();
  private readonly sentDigests = new Map<string, number>();
  /** Next answers forced for a path (to play 系统繁忙 or a lost reply). */
  private readonly forced = new Map<string, ({ errcode: number } | 'hang')[]>();

  constructor(corp?: Partial<StubWecomCorp>) {
    this.corp = {
      corpId: corp?.corpId ?? `ww${randomBytes(8).toString('hex')}`,
      secret: corp?.secret ?? randomBytes(16).toString('hex'),
      agentId: corp?.agentId ?? 1000002,
    };
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    return `http://127.0.0.1:${address?.port ?? 0}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) {
      s.destroy();
    }
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A robot in a group; returns its key. */
  addRobot(group: string): string {
    const key = randomBytes(16)
      .toString('hex')
      .replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
    this.robotKeys.set(key, group);
    return key;
  }

  /** Every token issued so far stops working, as when it passed its 7,200 s (42001). */
  expireTokens(): void {
    for (const token of this.tokens.keys()) {
      this.tokens.set(token, 0);
    }
    this.current = null;
  }

  /** The next call(s) to `path` answer this errcode (or never answer) instead. */
  force(path: string, ...answers: ({ errcode: number } | 'hang')[]): void {
    this.forced.set(path, [...(this.forced.get(path) ?? []), ...answers]);
  }

  messagesTo(userid: string): StubAppMessage[] {
    return this.appMessages.filter((m) => m.touser.split('|').some((u) => u.toLowerCase() === userid.toLowerCase()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stub');
    const path = url.pathname.replace(/^\//, '');
    const query = Object.fromEntries(url.searchParams);
    let raw = '';
    for await (const chunk of req) {
      raw += String(chunk);
    }
    const reply = (body: Record<string, unknown>) => {
      const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
      this.calls.push({ path, errcode });
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify({ errmsg: errcode === 0 ? 'ok' : `stub error, hint: [${randomBytes(4).toString('hex')}]`, ...body, errcode }));
    };
    const forced = this.forced.get(path)?.shift();
    if (forced === 'hang') {
      return; // no answer: the caller times out not knowing whether we got it
    }
    if (forced) {
      reply(forced);
      return;
    }
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    if (path === 'cgi-bin/gettoken' && req.method === 'GET') {
      reply(this.getToken(query));
    } else if (path === 'cgi-bin/message/send' && req.method === 'POST') {
      reply(this.send(query, body, req.socket.remoteAddress ?? ''));
    } else if (path === 'cgi-bin/webhook/send' && req.method === 'POST') {
      reply(this.robot(query, body));
    } else {
      reply({ errcode: 404, errmsg: 'not found' });
    }
  }

  private getToken(query: Record<string, string>): Record<string, unknown> {
    if (query.corpid !== this.corp.corpId) {
      return { errcode: 40013, errmsg: 'invalid corpid' };
    }
    if (query.corpsecret !== this.corp.secret) {
      return { errcode: 40001, errmsg: 'invalid secret' };
    }
    this.tokenFetches += 1;
    const now = Date.now();
    // 有效期内重复获取返回相同结果.
    if (!this.current || this.current.expiresAt <= now) {
      this.current = { token: `wecom_${randomBytes(12).toString('hex')}`, expiresAt: now + 7200_000 };
      this.tokens.set(this.current.token, this.current.expiresAt);
    }
    return { errcode: 0, access_token: this.current.token, expires_in: Math.round((this.current.expiresAt - now) / 1000) };
  }

  private send(query: Record<string, string>, body: Record<string, unknown>, ip: string): Record<string, unknown> {
    const expiresAt = this.tokens.get(query.access_token ?? '');
    if (expiresAt === undefined) {
      return { errcode: 40014, errmsg: 'invalid access_token' };
    }
    if (expiresAt <= Date.now()) {
      return { errcode: 42001, errmsg: 'access_token expired' };
    }
    if (this.trustedIps && !this.trustedIps.includes(ip.replace(/^::ffff:/, ''))) {
      return { errcode: 60020, errmsg: `not allow to access from your ip, from ip: ${ip}` };
    }
    if (body.agentid !== this.corp.agentId) {
      return { errcode: 40056, errmsg: 'invalid agentid' };
    }
    const text = body.text as { content?: unknown } | undefined;
    if (body.msgtype !== 'text' || typeof text?.content !== 'string' || Buffer.byteLength(text.content) > 2048) {
      return { errcode: 40008, errmsg: 'invalid message type' };
    }
    const touser = typeof body.touser === 'string' ? body.touser.split('|').filter((u) => u !== '') : [];
    const known = touser.filter((u) => [...this.users].some((v) => v.toLowerCase() === u.toLowerCase()));
    const invalid = touser.filter((u) => !known.includes(u)).map((u) => u.toLowerCase());
    if (known.length === 0) {
      return { errcode: 81013, errmsg: 'user & party & tag all invalid', invaliduser: invalid.join('|') };
    }
    const msgid = randomBytes(16).toString('base64url');
    const digest = JSON.stringify(body);
    const last = this.sentDigests.get(digest);
    const interval = (typeof body.duplicate_check_interval === 'number' ? body.duplicate_check_interval : 1800) * 1000;
    const duplicate = body.enable_duplicate_check === 1 && last !== undefined && Date.now() - last < interval;
    if (!duplicate) {
      this.sentDigests.set(digest, Date.now());
      this.appMessages.push({ touser: known.join('|'), content: text.content, agentid: body.agentid, msgid, at: new Date() });
    }
    return { errcode: 0, invaliduser: invalid.join('|'), invalidparty: '', invalidtag: '', msgid };
  }

  private robot(query: Record<string, string>, body: Record<string, unknown>): Record<string, unknown> {
    const key = query.key ?? '';
    if (!this.robotKeys.has(key)) {
      return { errcode: 93000, errmsg: 'invalid webhook url' };
    }
    const now = Date.now();
    const recent = (this.robotSends.get(key) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= 20) {
      return { errcode: 45009, errmsg: 'api freq out of limit' };
    }
    const text = body.text as { content?: unknown; mentioned_mobile_list?: unknown } | undefined;
    if (body.msgtype !== 'text' || typeof text?.content !== 'string') {
      return { errcode: 40008, errmsg: 'invalid message type' };
    }
    recent.push(now);
    this.robotSends.set(key, recent);
    const mentioned = Array.isArray(text.mentioned_mobile_list) ? text.mentioned_mobile_list.map(String) : [];
    this.robotMessages.push({ key, content: text.content, mentionedMobiles: mentioned, at: new Date() });
    return { errcode: 0 };
  }
}

/** The environment a server needs to use the stub as 企业微信; `robots`: team name → key. */
export function wecomEnv(stub: WecomStub, robots: Record<string, string> = {}): Record<string, string> {
  return {
    WECOM_API_BASE: stub.url,
    WECOM_CORP_ID: stub.corp.corpId,
    WECOM_AGENT_ID: String(stub.corp.agentId),
    WECOM_SECRET: stub.corp.secret,
    ...(Object.keys(robots).length > 0 ? { WECOM_ROBOTS: JSON.stringify(robots) } : {}),
  };
}
