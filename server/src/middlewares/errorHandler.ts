import type { Middleware } from 'koa';
import { AccessDeniedError, ConnectionError, DatabaseError, InvalidConnectionError, UniqueConstraintError } from 'sequelize';
import type { ApiErrorBody } from '@wc/shared';
import type { AppState } from '../context';
import { isRetryable } from '../db/transaction';
import { AppError } from '../errors';

/** Seconds a client is asked to wait before repeating a request the database could not take. */
const DATABASE_RETRY_AFTER_SECONDS = 3;

/**
 * What the MySQL driver reports when the server is away rather than the query wrong: the
 * connection refused, reset or timed out, the server shutting down or killing connections (a
 * restart, a failover), or out of connections.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'ER_QUERY_INTERRUPTED',
  'ER_CON_COUNT_ERROR',
]);

/**
 * The database cannot be reached now: the request's transaction rolled back, or (cut off during
 * its commit) may have landed, so clients repeat it with the same `Idempotency-Key` and get one
 * result either way. Wrong credentials or settings are no outage: they stay a 500 that someone
 * must fix.
 */
function databaseUnavailable(error: unknown): boolean {
  if (error instanceof AccessDeniedError || error instanceof InvalidConnectionError) {
    return false;
  }
  // Refused, timed out, host not found, no pooled connection within the acquire timeout.
  if (error instanceof ConnectionError) {
    return true;
  }
  if (error instanceof DatabaseError) {
    // mysql2 marks the errors after which a connection is unusable as fatal.
    const cause = error.parent as { code?: string; fatal?: boolean };
    return (cause.code !== undefined && UNAVAILABLE_CODES.has(cause.code)) || cause.fatal === true;
  }
  return false;
}

function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) {
    return error;
  }
  if (databaseUnavailable(error)) {
    return new AppError('DATABASE_UNAVAILABLE');
  }
  if (error instanceof UniqueConstraintError) {
    return new AppError('CONFLICT');
  }
  if (isRetryable(error)) {
    // A deadlock between concurrent requests: the other one won; this one changed nothing.
    return new AppError('CONFLICT');
  }
  // koa's body parser and http-errors raise errors with an HTTP status meant for the client.
  const e = error as { status?: number; expose?: boolean; type?: string } | null;
  if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    if (e.status === 413) {
      return new AppError('PAYLOAD_TOO_LARGE');
    }
    if (e.status === 415) {
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    }
    return new AppError('BAD_REQUEST');
  }
  return null;
}

/**
 * The one place errors become responses: `{ error: { code, message, details? } }`. Unknown errors
 * are logged and answered with a bare 500: no stack, no SQL.
 */
export function errorHandler(): Middleware<AppState> {
  return async function errorHandlerMiddleware(ctx, next) {
    try {
      await next();
    } catch (error) {
      const appError = toAppError(error);
      if (appError) {
        if (appError.status >= 500) {
          ctx.state.log.error({ err: error }, 'request failed');
        }
        ctx.status = appError.status;
        if (appError.code === 'DATABASE_UNAVAILABLE') {
          ctx.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
        }
        const body: ApiErrorBody = { error: { code: appError.code, message: appError.message } };
        if (appError.details?.length) {
          body.error.details = appError.details;
        }
        ctx.body = body;
        return;
      }
      ctx.state.log.error({ err: error }, 'unhandled error');
      ctx.status = 500;
      const body: ApiErrorBody = { error: { code: 'INTERNAL', message: new AppError('INTERNAL').message } };
      ctx.body = body;
    }
  };
}
