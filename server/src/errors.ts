import { ERROR_MESSAGES, type ErrorCode, type FieldError } from '@wc/shared';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STATE_CONFLICT: 409,
  DUPLICATE: 409,
  USERNAME_TAKEN: 409,
  ACTION_NOT_ALLOWED: 409,
  UNKNOWN_ACTION: 404,
  GUARD_FAILED: 422,
  IDEMPOTENCY_MISMATCH: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  WECHAT_ERROR: 502,
  DATABASE_UNAVAILABLE: 503,
  FEATURE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** An error meant for the client: a stable code, an HTTP status and a Chinese message. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: FieldError[];

  constructor(code: ErrorCode, message?: string, details?: FieldError[]) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
  }
}

export class ValidationError extends AppError {
  constructor(details: FieldError[], message?: string) {
    super('VALIDATION_FAILED', message ?? details[0]?.message ?? ERROR_MESSAGES.VALIDATION_FAILED, details);
  }
}

/** One field is wrong; the message names the problem in Chinese. */
export function fieldError(path: string, message: string): ValidationError {
  return new ValidationError([{ path, message }], message);
}

export class NotFoundError extends AppError {
  constructor(message?: string) {
    super('NOT_FOUND', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message?: string) {
    super('FORBIDDEN', message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(code: 'UNAUTHENTICATED' | 'TOKEN_EXPIRED' = 'UNAUTHENTICATED') {
    super(code);
  }
}
