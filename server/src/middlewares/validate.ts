import type { Middleware } from 'koa';
import { z } from 'zod';
import { zhCN } from 'zod/locales';
import { fieldErrors } from '@wc/shared';
import type { AppState } from '../context';
import { ValidationError } from '../errors';

// A message a schema does not spell out itself (a number typed as letters, say) still reaches the
// user in Chinese rather than in zod's English.
z.config(zhCN());

/** A body whose shape depends on the route's params (an action's input depends on the action). */
type BodyByParams = (params: never) => z.ZodType;

interface Schemas {
  body?: z.ZodType | BodyByParams;
  query?: z.ZodType;
  params?: z.ZodType;
}

type Parsed<T> = T extends z.ZodType
  ? z.output<T>
  : T extends (params: never) => infer B
    ? B extends z.ZodType
      ? z.output<B>
      : never
    : never;

/** The validated input of a route, as its schemas produce it. */
export type Input<S extends Schemas> = { [K in keyof S]: Parsed<S[K]> };

/**
 * Validates body, query and route params at the edge; the parsed values go to `ctx.state.input`.
 * Any failure is a 400 with one Chinese message per field, and nothing further runs — before any
 * transaction begins, so bad input never waits for the database's write lock.
 */
export function validate<S extends Schemas>(schemas: S): Middleware<AppState> {
  return async function validateMiddleware(ctx, next) {
    const input: Record<string, unknown> = {};
    const details = [];
    const sources = {
      body: () => (ctx.request as { body?: unknown }).body ?? {},
      query: () => ctx.query,
      params: () => (ctx as unknown as { params?: Record<string, string> }).params ?? {},
    } as const;
    for (const key of ['params', 'query', 'body'] as const) {
      const given = schemas[key];
      if (!given) {
        continue;
      }
      if (typeof given === 'function' && details.length > 0) {
        // The params it depends on are invalid: their messages say enough.
        continue;
      }
      const schema = typeof given === 'function' ? (given as (params: unknown) => z.ZodType)(input.params) : given;
      const result = schema.safeParse(sources[key]());
      if (result.success) {
        input[key] = result.data;
      } else {
        details.push(...fieldErrors(result.error));
      }
    }
    if (details.length > 0) {
      throw new ValidationError(details);
    }
    ctx.state.input = input;
    await next();
  };
}
