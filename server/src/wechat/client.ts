/**
 * The small typed HTTP client for the WeChat calls that wechat-api lacks (jscode2session, phone
 * numbers, subscribe messages, web OAuth). It never logs: query strings carry secrets and tokens.
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

/** Access-token errors: 40001 invalid credential, 40014 invalid token, 42001 token expired. */
export const TOKEN_ERRORS = new Set([40001, 40014, 42001]);

export function isTokenError(error: unknown): error is WechatApiError {
  return error instanceof WechatApiError && TOKEN_ERRORS.has(error.errcode);
}
