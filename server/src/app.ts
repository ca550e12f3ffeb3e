import path from 'node:path';
import Koa from 'koa';
import { REPO_ROOT } from './config';
import type { AppState } from './context';
import { errorHandler } from './middlewares/errorHandler';
import { requestContext } from './middlewares/requestContext';
import { securityHeaders } from './middlewares/securityHeaders';
import { staticSite } from './middlewares/staticSite';
import { apiRouter, health, wechatPushRouter } from './routes';
import type { Services } from './services';

/** The Koa application: middleware in the order every request meets it. */
export function createApp(services: Services): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: process.env.TRUST_PROXY === 'true' });
  const api = apiRouter();
  // Probes first: a load balancer's or a monitor's poll is never logged, has no user and no body,
  // so the request id, the error handler and the API's headers would be work for nothing at each one.
  app.use(health());
  app.use(requestContext(services.logger));
  app.use(errorHandler());
  app.use(securityHeaders());
  app.use(wechatPushRouter().routes());
  app.use(api.routes());
  app.use(api.allowedMethods());
  app.use(staticSite('/admin', path.join(REPO_ROOT, 'admin', 'dist')));
  app.use(staticSite('/h5', path.join(REPO_ROOT, 'miniprogram', 'dist-h5')));
  app.use(async function rootRedirect(ctx, next) {
    if (ctx.path === '/' && ctx.method === 'GET') {
      ctx.redirect('/admin/');
      return;
    }
    await next();
  });
  // Errors Koa meets after the reply began (a streamed download the client cut off) would be printed
  // to stderr by Koa itself, past our logger: a closed connection is routine, the rest is logged.
  app.on('error', (error: NodeJS.ErrnoException) => {
    if (CLIENT_GONE.has(error.code ?? '')) {
      services.logger.debug({ code: error.code }, 'client closed the connection during the reply');
      return;
    }
    services.logger.error({ err: error }, 'error after the reply began');
  });
  return app;
}

const CLIENT_GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);
