/**
 * The small typed HTTP client for the WeChat calls that wechat-api lacks (stable tokens,
 * jscode2session, phone numbers, subscribe messages, template lists, web OAuth). It never logs: query strings carry secrets and tokens.
 */

/** WeChat answered with a non-zero `errcode`: the call was refused, nothing happened. */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
  ) {
    super(`WeChat ${path} → ${errcode} ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

/**
 * The call did not get a WeChat answer. `delivered: 'no'` when the request cannot have reached WeChat
 * (connection refused, unknown host), `'unknown'` when it may have been received (timeout, reset).
 */
export class WechatNetworkError extends Error {
  constructor(
    message: string,
    readonly delivered: 'no' | 'unknown',
    readonly path: string,
  ) {
    super(message);
    this.name = 'WechatNetworkError';
  }
}

/** Error codes of failures that happen before a connection exists: the request was never sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Whether a network-level error means the request never left (by its `code` or its cause's). */
export function neverSent(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === 'string' && NOT_SENT.has(code);
}

export interface CallOptions {
  query?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
}

/** GET (no body) or POST JSON to `base + path`; resolves the JSON reply when `errcode` is absent or 0. */
export async function wechatCall<T>(base: string, path: string, options: CallOptions = {}): Promise<T> {
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    url.searchParams.set(key, value);
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method: options.body === undefined ? 'GET' : 'POST',
      headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      redirect: 'error',
    });
  } catch (error) {
    const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new WechatNetworkError(`WeChat ${path} unreachable: ${reason}`, neverSent(error) ? 'no' : 'unknown', path);
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) {
    throw new WechatNetworkError(`WeChat ${path} → HTTP ${res.status}`, 'unknown', path);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new WechatNetworkError(`WeChat ${path} → not JSON`, 'unknown', path);
  }
  const reply = data as { errcode?: unknown; errmsg?: unknown };
  if (typeof reply.errcode === 'number' && reply.errcode !== 0) {
    throw new WechatApiError(reply.errcode, typeof reply.errmsg === 'string' ? reply.errmsg : '', path);
  }
  return data as T;
}

/** Where access tokens come from (a failure there means the message itself never went out). */
export const TOKEN_PATH = 'cgi-bin/stable_token';

/**
 * 获取稳定版接口调用凭据 (`POST cgi-bin/stable_token`). Unlike `cgi-bin/token`, normal mode hands
 * every caller the same token while it is valid, so another system on the same AppID (the account's
 * existing vendor, DevTools) and we do not knock each other's token out. `force` (强制刷新) voids
 * the current token for every holder and is limited to 20 a day: only when WeChat voided ours (40001)
 * and normal mode still hands it back (see TokenStore).
 */
export async function fetchStableToken(
  apiBase: string,
  appId: string,
  secret: string,
  force: boolean,
): Promise<{ accessToken: string; expiresInSeconds: number }> {
  const reply = await wechatCall<{ access_token: string; expires_in: number }>(apiBase, TOKEN_PATH, {
    body: { grant_type: 'client_credential', appid: appId, secret, force_refresh: force },
  });
  return { accessToken: reply.access_token, expiresInSeconds: reply.expires_in };
}

/**
 * What a send that went through had to give up on the way, for the delivery record: WeChat refused
 * the first try (`code`) and the message went again without the part it objected to.
 */
export interface SendNote {
  code: number;
  message: string;
}

export interface SendReceipt {
  msgid: string | null;
  note: SendNote | null;
}

/** Access-token errors: 40001 invalid credential, 40014 invalid token, 42001 token expired. */
export const TOKEN_ERRORS = new Set([40001, 40014, 42001]);

export function isTokenError(error: unknown): error is WechatApiError {
  return error instanceof WechatApiError && TOKEN_ERRORS.has(error.errcode);
}
