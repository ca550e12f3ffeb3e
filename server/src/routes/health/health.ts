import Router from '@koa/router';
import type { AppState } from '../../context';
import { services } from '../../services';

const router = new Router<AppState>();

/**
 * One database ping answers every health check within a second: load balancers and monitors poll
 * often, and under load their probes should not queue behind real work.
 */
const PING_FRESH_MS = 1000;
let lastPing: { at: number; sequelize: unknown; result: Promise<boolean> } | null = null;
function databaseAnswers(): Promise<boolean> {
  const now = Date.now();
  const { sequelize } = services();
  if (!lastPing || lastPing.sequelize !== sequelize || now - lastPing.at > PING_FRESH_MS) {
    const result = sequelize.query('SELECT 1').then(
      () => true,
      () => false,
    );
    lastPing = { at: now, sequelize, result };
  }
  return lastPing.result;
}

/** GET /health — liveness and which database is in use; 503 when the database does not answer. */
router.get('/health', async (ctx) => {
  const { config } = services();
  if (await databaseAnswers()) {
    ctx.body = { status: 'ok', database: config.databaseDialect, storage: config.storage.driver };
  } else {
    ctx.status = 503;
    ctx.body = { status: 'unavailable', database: config.databaseDialect };
  }
});

export default router;
