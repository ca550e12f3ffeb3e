import type { Middleware } from 'koa';
import helmet from 'koa-helmet';

/**
 * Headers for the pages (the admin at /admin, the H5 pages at /h5): a strict CSP (antd injects
 * styles, hence inline styles; no inline scripts), no framing, nosniff, no referrer leaks.
 */
const pageHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      mediaSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      workerSrc: ["'self'", 'blob:'],
      manifestSrc: ["'self'"],
    },
  },
  crossOriginEmbedderPolicy: false,
  strictTransportSecurity: false,
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'same-origin' },
});

/**
 * Headers for everything else (API replies, files, the WeChat callback; /health sends its own): nothing in them
 * is a document, so the policy forbids every load and every frame, and replies that carry
 * customers' data are never stored by a browser or a proxy unless a route says otherwise (the
 * workflow definition may be cached). The document-only headers helmet adds for pages would only
 * cost every client bytes to parse on every call.
 */
const API_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const PAGE_SITES = ['/admin', '/h5'];
const isPage = (path: string) => path === '/' || PAGE_SITES.some((site) => path === site || path.startsWith(`${site}/`));

/** CORS stays closed: the pages are served from this origin, and the mini program is not a browser. */
export function securityHeaders(): Middleware {
  return function securityHeadersMiddleware(ctx, next) {
    if (isPage(ctx.path)) {
      return pageHeaders(ctx, next);
    }
    ctx.set(API_HEADERS);
    return next();
  };
}
