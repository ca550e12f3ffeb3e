import type { Middleware } from 'koa';
import type { z } from 'zod';
import { fieldErrors } from '@wc/shared';
import type { AppState } from '../context';
import { ValidationError } from '../errors';

interface Schemas {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
}

/** The validated input of a route, as its schemas produce it. */
export type Input<S extends Schemas> = {
  [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never;
};

/**
 * Validates body, query and route params at the edge; the parsed values go to `ctx.state.input`.
 * Any failure is a 400 with one Chinese message per field, and nothing further runs.
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
      const schema = schemas[key];
      if (!schema) {
        continue;
      }
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
