import { ERROR_MESSAGES, isErrorCode, type ErrorCode, type FieldError } from '../errors';

/**
 * How both clients read a failed call: the server's error contract, plus the one code a client adds
 * when no answer came at all. Kept free of zod so the staff page's first screen can load it.
 */

/** A client's own code: the server could not be reached (offline, timeout, connection reset). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

/** The server's error codes plus {@link NETWORK_ERROR}. */
export type ClientErrorCode = ErrorCode | typeof NETWORK_ERROR;

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

/** A failed API call as the pages see it. */
export interface ApiFailure {
  /** 0 when no answer came. */
  status: number;
  code: ClientErrorCode;
  message: string;
  details: FieldError[];
  /** How long the server asked to wait before trying again (`Retry-After`), when it said. */
  retryAfterMs: number | null;
}

function isFieldError(value: unknown): value is FieldError {
  const d = value as FieldError | null;
  return typeof d?.path === 'string' && typeof d.message === 'string';
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | null {
  const text = header?.trim();
  if (!text) {
    return null;
  }
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Reads the error contract from a failed reply; a reply that is not the contract (a proxy's HTML
 * page, an empty body) still gets a code and a Chinese message.
 */
export function failureFromReply(status: number, body: unknown, retryAfter?: string | null): ApiFailure {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code: ErrorCode = isErrorCode(error?.code) ? error.code : status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
  const message = typeof error?.message === 'string' && error.message ? error.message : ERROR_MESSAGES[code];
  const details = Array.isArray(error?.details) ? (error.details as unknown[]).filter(isFieldError) : [];
  return { status, code, message, details, retryAfterMs: parseRetryAfter(retryAfter) };
}

/** No answer came: offline, timed out, or the connection broke. */
export function networkFailure(message: string = NETWORK_MESSAGE): ApiFailure {
  return { status: 0, code: NETWORK_ERROR, message, details: [], retryAfterMs: null };
}

/** Tries of a mutation in all: the first and up to three more. */
export const MUTATION_ATTEMPTS = 4;
const FIRST_BACKOFF_MS = 1000;
const MAX_WAIT_MS = 10_000;

/**
 * How long to wait before sending a failed mutation again, or null when it must not be sent again.
 * Only "the database is away" (503) and "no answer" are worth repeating: the request may not have
 * run, and its `Idempotency-Key` makes a second run a replay if it did. Waits double from one
 * second, never less than the server's `Retry-After`, never more than ten seconds.
 */
export function retryDelayMs(failure: Pick<ApiFailure, 'status' | 'code' | 'retryAfterMs'>, attempt: number): number | null {
  const retryable = failure.code === NETWORK_ERROR || failure.status === 503;
  if (!retryable || attempt >= MUTATION_ATTEMPTS) {
    return null;
  }
  const backoff = FIRST_BACKOFF_MS * 2 ** (attempt - 1);
  return Math.min(MAX_WAIT_MS, Math.max(backoff, failure.retryAfterMs ?? 0));
}

function isApiFailure(value: unknown): value is ApiFailure {
  const f = value as ApiFailure | null;
  return typeof f?.status === 'number' && typeof f.code === 'string';
}

/**
 * Runs `send` (one try of a mutation, always with the same `Idempotency-Key`) until it succeeds,
 * fails for good, or has been tried {@link MUTATION_ATTEMPTS} times; throws the last failure.
 * `wait` pauses between tries: each client brings its own timer (and may stop waiting when a
 * page closes), and shared code runs on no particular platform.
 */
export async function sendWithRetries<T>(send: () => Promise<T>, wait: (ms: number) => Promise<void>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const delay = isApiFailure(error) ? retryDelayMs(error, attempt) : null;
      if (delay === null) {
        throw error;
      }
      await wait(delay);
    }
  }
}
