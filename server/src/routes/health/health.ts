import type { Middleware } from 'koa';
import type { AppState } from '../../context';
import { calendarWarning, lastCoveredYear } from '../../lib/deadlines';
import { currentTime, services } from '../../services';
import { staffGroupStatus } from '../../wechat/staffGroup';

/**
 * One database ping answers every health check within a second: load balancers and monitors poll
 * often, and under load their probes should not queue behind real work.
 */
const PING_FRESH_MS = 1000;
interface Ping {
  ok: boolean;
  /** The last year with an entered calendar day (the ping reads it: one query serves both). */
  lastEnteredYear: number | null;
}
let lastPing: { at: number; sequelize: unknown; result: Promise<Ping> } | null = null;
function databaseAnswers(): Promise<Ping> {
  const now = Date.now();
  const { sequelize } = services();
  if (!lastPing || lastPing.sequelize !== sequelize || now - lastPing.at > PING_FRESH_MS) {
    const result = sequelize.query('SELECT MAX(date) AS last FROM work_calendar_entries', { plain: true }).then(
      (row) => {
        const last = (row as { last?: unknown } | null)?.last;
        return { ok: true, lastEnteredYear: typeof last === 'string' ? Number(last.slice(0, 4)) : null };
      },
      () => ({ ok: false, lastEnteredYear: null }),
    );
    lastPing = { at: now, sequelize, result };
  }
  return lastPing.result;
}

/**
 * The last reply written out, for the ping it reports and the warning it carries: probes come by
 * the thousand under a load balancer, and nearly all get the same bytes. The warning (which depends
 * on the date) and the staff WeChat group's state (which can change at any moment) are worked out
 * at each probe, so a monitor sees either change on its next poll.
 */
let lastReply: { ping: Ping; warning: string | null; json: string } | null = null;

function replyTo(ping: Ping): { status: 200 | 503; json: string } {
  const { config } = services();
  if (!ping.ok) {
    return { status: 503, json: JSON.stringify({ status: 'unavailable', database: config.databaseDialect }) };
  }
  // From 60 days before the holiday data ends, monitors and the staff page say so.
  const warning = calendarWarning(currentTime(), lastCoveredYear(ping.lastEnteredYear));
  // State only: the QR login link is in the server log, never on this public endpoint.
  const staffGroup = staffGroupStatus(config);
  if (staffGroup === null && lastReply?.ping === ping && lastReply.warning === warning) {
    return { status: 200, json: lastReply.json };
  }
  const json = JSON.stringify({
    status: 'ok',
    database: config.databaseDialect,
    storage: config.storage.driver,
    staffGroup,
    ...(warning ? { warnings: [warning] } : {}),
  });
  if (staffGroup === null) {
    lastReply = { ping, warning, json };
  }
  return { status: 200, json };
}

/**
 * What a probe's reply needs of the API's headers: it is no document, so nothing may load it or
 * frame it, no browser may read it as anything but JSON, and no proxy may keep an old answer. The
 * rest of the API's set (X-Frame-Options, which frame-ancestors supersedes; CORP; the referrer
 * policy of a reply with no links; the request id of a request never logged) would be bytes every
 * probe writes and its client parses for nothing.
 */
const PROBE_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

/**
 * GET (or HEAD) /health — liveness, which database is in use, any warnings, and the optional staff
 * WeChat group's connection (null when none is configured); 503 when the database does not answer.
 * A middleware of its own rather than a router, and the first of the chain (see `createApp`): one
 * fixed path needs no route matching, and every probe would pay for it.
 */
export function health(): Middleware<AppState> {
  return async function healthMiddleware(ctx, next) {
    if (ctx.path !== '/health' || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) {
      await next();
      return;
    }
    const reply = replyTo(await databaseAnswers());
    ctx.set(PROBE_HEADERS);
    ctx.status = reply.status;
    ctx.type = 'application/json';
    ctx.body = reply.json;
  };
}
