import type { Middleware } from 'koa';
import type { AppState } from '../context';
import { AppError } from '../errors';

interface Options {
  key: string;
  points: number;
  windowSeconds: number;
}

const windows = new Map<string, { count: number; resetAt: number }>();

/**
 * A per-client fixed-window limit, kept in memory. It blunts scripted guessing at one process; the
 * account lockout (stored in the database) is what holds across processes.
 */
export function rateLimit(options: Options): Middleware<AppState> {
  return async function rateLimitMiddleware(ctx, next) {
    const now = Date.now();
    const id = `${options.key}:${ctx.ip}`;
    let entry = windows.get(id);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + options.windowSeconds * 1000 };
      windows.set(id, entry);
      if (windows.size > 10_000) {
        for (const [k, v] of windows) {
          if (v.resetAt <= now) {
            windows.delete(k);
          }
        }
      }
    }
    entry.count += 1;
    if (entry.count > options.points) {
      ctx.set('Retry-After', String(Math.ceil((entry.resetAt - now) / 1000)));
      throw new AppError('RATE_LIMITED');
    }
    await next();
  };
}
