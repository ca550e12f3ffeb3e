import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'koa';
import send from 'koa-send';

/**
 * Serves a built single-page site (the admin at /admin, the H5 pages at /h5): files as they are,
 * hashed assets cached for a year, and index.html for any other path under the prefix so that
 * client-side routes survive a reload.
 */
export function staticSite(prefix: string, root: string): Middleware {
  return async function staticSiteMiddleware(ctx, next) {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      return next();
    }
    if (ctx.path === prefix) {
      ctx.redirect(`${prefix}/`);
      return;
    }
    if (!ctx.path.startsWith(`${prefix}/`)) {
      return next();
    }
    if (!existsSync(path.join(root, 'index.html'))) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `页面尚未构建：请运行 npm start（会自动构建）`;
      return;
    }
    const relative = ctx.path.slice(prefix.length + 1) || 'index.html';
    const hashed = /\.[0-9a-f]{8,}\.(js|css)$|\/assets\//.test(relative);
    try {
      await send(ctx, relative, {
        root,
        index: 'index.html',
        maxage: hashed ? 365 * 24 * 3600 * 1000 : 0,
        immutable: hashed,
        setHeaders: (res, filePath) => {
          if (filePath.endsWith('index.html')) {
            res.setHeader('Cache-Control', 'no-cache');
          }
        },
      });
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== 404 || /\.[a-z0-9]{2,5}$/i.test(relative)) {
        if (status === 404) {
          ctx.status = 404;
          return;
        }
        throw error;
      }
      await send(ctx, 'index.html', { root });
      ctx.set('Cache-Control', 'no-cache');
    }
  };
}
