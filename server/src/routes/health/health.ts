import Router from '@koa/router';
import type { AppState } from '../../context';
import { calendarWarning, lastCoveredYear } from '../../lib/deadlines';
import { currentTime, services } from '../../services';
import { staffGroupStatus } from '../../wechat/staffGroup';

const router = new Router<AppState>();

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
 * GET /health — liveness, which database is in use, any warnings, and the optional staff WeChat
 * group's connection (null when none is configured); 503 when the database does not answer.
 */
router.get('/health', async (ctx) => {
  const { config } = services();
  const ping = await databaseAnswers();
  if (ping.ok) {
    // From 60 days before the holiday data ends, monitors and the staff page say so.
    const warning = calendarWarning(currentTime(), lastCoveredYear(ping.lastEnteredYear));
    ctx.body = {
      status: 'ok',
      database: config.databaseDialect,
      storage: config.storage.driver,
      // State only: the QR login link is in the server log, never on this public endpoint.
      staffGroup: staffGroupStatus(config),
      ...(warning ? { warnings: [warning] } : {}),
    };
  } else {
    ctx.status = 503;
    ctx.body = { status: 'unavailable', database: config.databaseDialect };
  }
});

export default router;
