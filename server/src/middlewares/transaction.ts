import type { Middleware } from 'koa';
import type { AppState } from '../context';
import { withTransaction } from '../db/transaction';
import { services } from '../services';

/**
 * Runs the rest of the request in one database transaction (`ctx.state.transaction`): everything the
 * handler writes commits together, or nothing does when it throws.
 */
export function transaction(): Middleware<AppState> {
  return async function transactionMiddleware(ctx, next) {
    await withTransaction(
      services().sequelize,
      async (t) => {
        ctx.state.transaction = t;
        try {
          await next();
        } finally {
          ctx.state.transaction = undefined;
        }
      },
      { retries: 0 },
    );
  };
}
