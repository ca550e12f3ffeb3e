import type { Middleware } from 'koa';
import { UniqueConstraintError } from 'sequelize';
import type { ApiErrorBody } from '@wc/shared';
import type { AppState } from '../context';
import { isRetryable } from '../db/transaction';
import { AppError } from '../errors';

function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) {
    return error;
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
