import Taro from '@tarojs/taro';
import { failureFromReply, networkFailure, sendWithRetries, type ApiFailure, type ClientErrorCode, type FieldError } from '@wc/shared';
import { API_BASE } from '../utils/platform';
import { clearSession, getSession, needsRefresh, saveSession } from './session';
import type { TokenReply } from './types';

/** A refused or failed request, with the server's Chinese message and per-field messages. */
export class ApiError extends Error implements ApiFailure {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status: number,
    readonly details: FieldError[] = [],
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** A failure as the parser both clients share reads it. */
  static from(failure: ApiFailure): ApiError {
    return new ApiError(failure.code, failure.message, failure.status, failure.details, failure.retryAfterMs);
  }

  /** Field messages keyed by path (`creditCode`, `contract.number`), for forms. */
  get fields(): Record<string, string> {
    return Object.fromEntries(this.details.map((d) => [d.path, d.message]));
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type QueryValue = string | number | boolean | undefined | null;

export interface RequestOptions {
  method?: Method;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as `Idempotency-Key`, so a retried mutation is done once. */
  idempotencyKey?: string;
  /** false for login/register: no token, and a 401 is just a refused login. */
  auth?: boolean;
  /** false when the caller shows the error itself (a toast is shown otherwise). */
  toast?: boolean;
}

export interface Reply<T, M> {
  data: T;
  meta?: M;
}

/** A key for `Idempotency-Key`: random enough that two submissions never share one. */
export function newIdempotencyKey(): string {
  const random = () => Math.floor(Math.random() * 0x100000000).toString(36);
  return `mp-${Date.now().toString(36)}-${random()}${random()}`;
}

export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `${API_BASE}${path}${params ? `?${params}` : ''}`;
}

export function showError(message: string): void {
  void Taro.showToast({ title: message, icon: 'none', duration: 2500 });
}

let onUnauthorized: () => void = () => undefined;

/**
 * What to do when the server no longer accepts the login (401), given once at start-up (app.ts
 * opens the login page). Taken rather than imported: opening the login page waits for a WeChat
 * login in progress, which calls the API through this module, so importing it would be a cycle.
 */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** A reply header by name, whatever case the platform gives it in. */
function headerOf(headers: Record<string, unknown> | undefined, name: string): string | null {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return typeof found?.[1] === 'string' ? found[1] : null;
}

async function send<T>(
  path: string,
  options: RequestOptions,
  token: string | null,
): Promise<{ status: number; body: T; retryAfter: string | null }> {
  const method = options.method ?? 'GET';
  const header: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (token) {
    header.Authorization = `Bearer ${token}`;
  }
  if (options.idempotencyKey) {
    header['Idempotency-Key'] = options.idempotencyKey;
  }
  if (options.body !== undefined) {
    header['Content-Type'] = 'application/json';
  }
  try {
    const res = await Taro.request<T>({
      url: apiUrl(path, options.query),
      method,
      header,
      data: options.body === undefined ? undefined : (options.body as Record<string, unknown>),
      dataType: 'json',
      timeout: 20_000,
    });
    return { status: res.statusCode, body: res.data, retryAfter: headerOf(res.header as Record<string, unknown>, 'Retry-After') };
  } catch {
    throw ApiError.from(networkFailure());
  }
}

let refreshing: Promise<string | null> | null = null;

/** A valid token, refreshed first when half its life is over; null when logged out. */
export async function currentToken(): Promise<string | null> {
  const session = getSession();
  if (!session) {
    return null;
  }
  if (!needsRefresh(session)) {
    return session.token;
  }
  refreshing ??= send<Reply<TokenReply, undefined>>('/api/auth/refresh', { method: 'POST', body: {} }, session.token)
    .then(({ status, body }) => (status === 200 ? saveSession(body.data).token : session.token))
    // A failed refresh keeps the old token while it lasts; a 401 on the real request logs out.
    .catch(() => session.token)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/**
 * The one way the pages talk to the API: JSON in and out, the token attached and refreshed, a 401
 * sends the user to log in again, and refusals become an ApiError with the server's Chinese
 * message (shown as a toast unless the caller handles it). A mutation that got no answer, or a 503
 * while the server's database is away, is sent again a few times under one `Idempotency-Key` (the
 * caller's, or one made for this call), so the server runs it once.
 */
export async function request<T, M = undefined>(path: string, options: RequestOptions = {}): Promise<Reply<T, M>> {
  try {
    if ((options.method ?? 'GET') === 'GET') {
      return await attempt<T, M>(path, options);
    }
    const once = { ...options, idempotencyKey: options.idempotencyKey ?? newIdempotencyKey() };
    return await sendWithRetries(
      () => attempt<T, M>(path, once),
      (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    );
  } catch (error) {
    if (options.toast !== false && error instanceof ApiError) {
      showError(error.message);
    }
    throw error;
  }
}

/** One try of a call. */
async function attempt<T, M>(path: string, options: RequestOptions): Promise<Reply<T, M>> {
  const useAuth = options.auth !== false;
  const token = useAuth ? await currentToken() : null;
  const { status, body, retryAfter } = await send<Reply<T, M>>(path, options, token);
  if (status >= 200 && status < 300) {
    // 204 and empty replies carry no body.
    return body ?? ({ data: null } as Reply<T, M>);
  }
  if (useAuth && status === 401) {
    clearSession();
    onUnauthorized();
  }
  throw ApiError.from(failureFromReply(status, body, retryAfter));
}
