import Koa from 'koa';
import Router from '@koa/router';
import { QueryTypes, type Sequelize } from 'sequelize';

/**
 * What the bench's ceiling servers (`stackCeiling.ts`, `modelCeiling.ts`) have in common: /health,
 * where an application stands (the bench reads it before each round), and the user their
 * statements act as — ours acts as the logged-in staff member; these check no token.
 */
export function ceilingRouter(sequelize: Sequelize): { router: Router; firstUser: Promise<number> } {
  const router = new Router();
  router.get('/health', (ctx) => {
    ctx.body = 'ok';
  });
  router.get('/api/applications/:id', async (ctx) => {
    const [row] = await sequelize.query('SELECT state FROM applications WHERE id = ?', {
      replacements: [Number(ctx.params.id)],
      type: QueryTypes.SELECT,
    });
    ctx.body = { data: row };
  });
  const firstUser = sequelize
    .query('SELECT MIN(id) AS id FROM users', { type: QueryTypes.SELECT })
    .then((rows) => (rows[0] as { id: number } | undefined)?.id ?? 1);
  return { router, firstUser };
}

/** Serves the router on PORT; stopped by the bench with SIGTERM, it exits normally, so a CPU profile asked for is written. */
export function serveCeiling(router: Router): void {
  const app = new Koa();
  app.use(router.routes());
  app.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => process.exit(0));
}
