/**
 * What a transition costs at the least on our stack, and so the stack's ceiling for P3, as a
 * server: Koa, @koa/router, the JSON body parser and Sequelize on the server's own database set-up
 * (the SQLite driver, the write queue) running the transition's statements raw, and nothing of
 * ours: no login check, no validation, no workflow, no facts, no reply to present. The bench prints
 * what it reaches beside ours. Run by `bench/run.ts` with PORT and DATABASE_URL.
 */
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import { QueryTypes, type Transaction } from 'sequelize';
import { databaseDialectOf } from '../server/src/config';
import { createSequelize } from '../server/src/db/sequelize';
import { withTransaction } from '../server/src/db/transaction';
import { transitionStatements } from './transitions';

const databaseUrl = process.env.DATABASE_URL ?? '';
const sequelize = createSequelize({ databaseUrl, databaseDialect: databaseDialectOf(databaseUrl) });

const query = (sql: string, replacements: unknown[], transaction?: Transaction) =>
  sequelize.query(sql, { replacements, transaction, type: sql.startsWith('SELECT') ? QueryTypes.SELECT : QueryTypes.RAW }) as Promise<
    unknown[]
  >;

const router = new Router();
router.get('/health', (ctx) => {
  ctx.body = 'ok';
});
// Where an application stands (the bench reads it before each round).
router.get('/api/applications/:id', async (ctx) => {
  const [row] = await query('SELECT state FROM applications WHERE id = ?', [Number(ctx.params.id)]);
  ctx.body = { data: row };
});
router.post('/api/applications/:id/actions/:action', bodyParser(), async (ctx) => {
  const id = Number(ctx.params.id);
  await withTransaction(sequelize, (t) => transitionStatements((sql, params) => query(sql, params, t), id));
  const [row] = await query('SELECT state FROM applications WHERE id = ?', [id]);
  ctx.body = { data: row };
});

const app = new Koa();
app.use(router.routes());
app.listen(Number(process.env.PORT), '127.0.0.1');
