import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { AppState } from '../context';

/** Gives each request an id and a child logger, and logs one line when it ends. */
export function requestContext(logger: Logger): Middleware<AppState> {
  return async function requestContextMiddleware(ctx, next) {
    const header = ctx.get('X-Request-Id');
    const requestId = /^[A-Za-z0-9-]{8,64}$/.test(header) ? header : randomUUID();
    ctx.state.requestId = requestId;
    // The child logger is made on first use: health probes never log, and they come often.
    let log: Logger | undefined;
    Object.defineProperty(ctx.state, 'log', {
      get: () => (log ??= logger.child({ requestId })),
      set: (value: Logger) => {
        log = value;
      },
      enumerable: true,
      configurable: true,
    });
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (ctx.path !== '/health') {
        ctx.state.log.info(
          { method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10, user: ctx.state.user?.id },
          'request',
        );
      }
    }
  };
}
