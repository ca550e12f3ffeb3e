import Router from '@koa/router';
import type { AppState } from '../../context';
import { services } from '../../services';

const router = new Router<AppState>();

/** GET /health — liveness and which database is in use; 503 when the database does not answer. */
router.get('/health', async (ctx) => {
  const { sequelize, config } = services();
  try {
    await sequelize.query('SELECT 1');
    ctx.body = { status: 'ok', database: config.databaseDialect, storage: config.storage.driver };
  } catch {
    ctx.status = 503;
    ctx.body = { status: 'unavailable', database: config.databaseDialect };
  }
});

export default router;
