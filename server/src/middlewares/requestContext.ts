import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { AppState, AuthUser } from '../context';
import type { Transaction } from 'sequelize';

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * A request's state. Its child logger is made on first use: health probes never log and come
 * often, and a getter on the class costs nothing per request (a property defined on each state
 * object would make every later access to it slower).
 */
class RequestState implements AppState {
  user?: AuthUser;
  transaction?: Transaction;
  input?: unknown;
  private child: Logger | undefined;

  constructor(
    private readonly root: Logger,
    readonly requestId: string,
  ) {}

  get log(): Logger {
    return (this.child ??= this.root.child({ requestId: this.requestId }));
  }

  set log(value: Logger) {
    this.child = value;
  }
}

/** Gives each request an id and a child logger, and logs one line when it ends. */
export function requestContext(logger: Logger): Middleware<AppState> {
  return async function requestContextMiddleware(ctx, next) {
    const header = ctx.get('X-Request-Id');
    const requestId = REQUEST_ID.test(header) ? header : randomUUID();
    ctx.state = new RequestState(logger, requestId);
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      if (ctx.path !== '/health') {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        ctx.state.log.info(
          { method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10, user: ctx.state.user?.id },
          'request',
        );
      }
    }
  };
}
