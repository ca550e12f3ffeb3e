import { bodyParser } from '@koa/bodyparser';
import type { Layer } from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { AppState } from '../context';
import { AppError } from '../errors';

/** The methods whose body is input; a body on GET or HEAD is ignored, as HTTP allows. */
const METHODS_WITH_INPUT = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** Route middleware made by {@link multipartBody}: the routes that take uploads instead of JSON. */
const takesUploads = new WeakSet<object>();

/** Whether the request carries a body; an empty one (`Content-Length: 0`) is none. */
function hasBody(ctx: Context): boolean {
  return ctx.get('Transfer-Encoding') !== '' || (ctx.request.length ?? 0) > 0;
}

/** Whether the route that will answer declares {@link multipartBody} (the router knows before it runs it). */
function routeTakesUploads(ctx: Context): boolean {
  const matched = (ctx as { matched?: Layer[] }).matched ?? [];
  return matched.some((layer) => layer.methods.includes(ctx.method) && layer.stack.some((fn) => takesUploads.has(fn)));
}

/**
 * The API's bodies: JSON, parsed into `ctx.request.body`. Any other body is refused with 415
 * before anything runs: a body the parser skipped would otherwise reach the route as `{}`, and an
 * action would run without its comment and assignees. Multipart passes only to upload routes.
 */
export function jsonBody(): Middleware<AppState> {
  const parse = bodyParser({ enableTypes: ['json'], jsonLimit: '1mb', encoding: 'utf-8', parsedMethods: METHODS_WITH_INPUT });
  return async function jsonBodyMiddleware(ctx, next) {
    if (METHODS_WITH_INPUT.includes(ctx.method) && hasBody(ctx) && !ctx.is('application/json')) {
      if (!(ctx.is('multipart/form-data') && routeTakesUploads(ctx))) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请求内容须为 JSON 格式（Content-Type: application/json）');
      }
    }
    await parse(ctx, next);
  };
}

/** Declares an upload route: its body must be `multipart/form-data` (415 otherwise), read by the route itself. */
export function multipartBody(): Middleware<AppState> {
  const middleware: Middleware<AppState> = async function multipartBodyMiddleware(ctx, next) {
    if (!ctx.is('multipart/form-data')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 方式上传文件');
    }
    await next();
  };
  takesUploads.add(middleware);
  return middleware;
}
