import {
  failureFromReply,
  networkFailure,
  sendWithRetries,
  type ApiFailure,
  type ClientErrorCode,
  type ErrorCode,
  type FieldError,
} from './labels';

/**
 * The one request layer of the staff page: JSON in and out, the login token on every call, the
 * error contract (`{ error: { code, message, details } }`) turned into an ApiError by the parser
 * both clients share, mutations sent again while the server cannot reach its database, and a lost
 * login (401) sent back to the login page.
 */

export const API_BASE = '/api';

export class ApiError extends Error implements ApiFailure {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly details: FieldError[];
  readonly retryAfterMs: number | null;

  constructor(failure: ApiFailure) {
    super(failure.message);
    this.name = 'ApiError';
    this.status = failure.status;
    this.code = failure.code;
    this.details = failure.details;
    this.retryAfterMs = failure.retryAfterMs;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

interface TokenSource {
  token(): string | null;
  /** Called when the server no longer accepts the login (401). */
  onUnauthorized(code: ErrorCode): void;
}

let tokens: TokenSource = { token: () => null, onUnauthorized: () => undefined };

/** Wires the request layer to the session (done once by the session module). */
export function configureRequests(source: TokenSource): void {
  tokens = source;
}

export function authHeader(): Record<string, string> {
  const token = tokens.token();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export type Query = Record<string, string | number | boolean | undefined | null>;

/** `?a=1&b=x` of the defined, non-empty values. */
export function toQueryString(query: Query | undefined): string {
  if (!query) {
    return '';
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function handleUnauthorized(failure: ApiFailure, hadToken: boolean): void {
  if (hadToken && failure.status === 401 && (failure.code === 'UNAUTHENTICATED' || failure.code === 'TOKEN_EXPIRED')) {
    tokens.onUnauthorized(failure.code);
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** Makes a retried mutation safe: the server runs it once (docs/api.md). */
  idempotencyKey?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface Reply<T, M> {
  data: T;
  meta: M;
}

/** Waits before sending a mutation again; a caller that gives up (closed page) stops the wait. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}

/**
 * Calls the API and returns `{ data, meta }`, or throws an ApiError with a Chinese message. A
 * mutation that got no answer, or a 503 while the server's database is away, is sent again a few
 * times under one `Idempotency-Key` (the caller's, or one made for this call), so it runs once.
 */
export async function request<T, M = undefined>(path: string, options: RequestOptions = {}): Promise<Reply<T, M>> {
  if ((options.method ?? 'GET') === 'GET') {
    return send<T, M>(path, options);
  }
  const once = { ...options, idempotencyKey: options.idempotencyKey ?? newIdempotencyKey() };
  return sendWithRetries(
    () => send<T, M>(path, once),
    (ms) => pause(ms, options.signal),
  );
}

/** One try of a call. */
async function send<T, M>(path: string, options: RequestOptions): Promise<Reply<T, M>> {
  const auth = authHeader();
  const headers: Record<string, string> = { Accept: 'application/json', ...auth, ...options.headers };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (options.idempotencyKey) {
    headers['Idempotency-Key'] = options.idempotencyKey;
  }
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${toQueryString(options.query)}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') {
      throw error;
    }
    throw new ApiError(networkFailure());
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const failure = failureFromReply(response.status, body, response.headers.get('Retry-After'));
    handleUnauthorized(failure, 'Authorization' in auth);
    throw new ApiError(failure);
  }
  const reply = body as { data: T; meta?: M };
  return { data: reply.data, meta: reply.meta as M };
}

/** `filename*=UTF-8''…` (or plain `filename=`) of a Content-Disposition header. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) {
    return fallback;
  }
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      return fallback;
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}

/** Fetches a file with the login token (tokens never go into URLs) as a Blob with its file name. */
export async function fetchFile(path: string, query?: Query): Promise<{ blob: Blob; filename: string }> {
  const auth = authHeader();
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${toQueryString(query)}`, { headers: auth });
  } catch {
    throw new ApiError(networkFailure());
  }
  if (!response.ok) {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    const failure = failureFromReply(response.status, body, response.headers.get('Retry-After'));
    handleUnauthorized(failure, 'Authorization' in auth);
    throw new ApiError(failure);
  }
  const blob = await response.blob();
  return { blob, filename: filenameFromDisposition(response.headers.get('Content-Disposition'), 'download') };
}

/** Saves a Blob under a file name through a temporary link. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export interface UploadHandle {
  promise: Promise<unknown>;
  abort(): void;
}

/**
 * Uploads one file as multipart/form-data with fields before the file (the server streams it and
 * needs them first). XMLHttpRequest, because fetch cannot report upload progress.
 */
export function uploadFile(path: string, fields: Record<string, string>, file: File, onProgress: (percent: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<unknown>((resolve, reject) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) {
      form.append(key, value);
    }
    form.append('file', file, file.name);
    xhr.open('POST', `${API_BASE}${path}`);
    for (const [key, value] of Object.entries(authHeader())) {
      xhr.setRequestHeader(key, value);
    }
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress(Math.min(99, Math.round((event.loaded / event.total) * 100)));
      }
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve((body as { data?: unknown } | null)?.data ?? null);
        return;
      }
      const failure = failureFromReply(xhr.status, body, xhr.getResponseHeader('Retry-After'));
      handleUnauthorized(failure, true);
      reject(new ApiError(failure));
    };
    xhr.onerror = () => reject(new ApiError(networkFailure('上传中断，请检查网络后重试')));
    xhr.onabort = () => reject(new ApiError(networkFailure('已取消上传')));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/** A fresh key for one logical submission; retries of that submission reuse it. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) {
    return crypto.randomUUID();
  }
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
