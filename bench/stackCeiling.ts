/**
 * What a transition costs at the least on our stack, and so the stack's ceiling for P3, as a
 * server: Koa, @koa/router, the JSON body parser and Sequelize on the server's own database set-up
 * (the SQLite driver, the write queue) running the transition's statements raw, statement for
 * statement as ours sends them (the login check's read included), and nothing of ours: no token
 * check, no validation, no workflow, no facts' checks, no reply to present. The bench prints
 * what it reaches beside ours. Run by `bench/run.ts` with PORT and DATABASE_URL.
 */
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import { QueryTypes, type Transaction } from 'sequelize';
import { databaseDialectOf } from '../server/src/config';
import { createSequelize } from '../server/src/db/sequelize';
import { withTransaction } from '../server/src/db/transaction';
import { LOGIN_CHECK, transitionStatements } from './transitions';

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
// The user the statements act as (ours acts as the logged-in staff member; this checks no token).
const firstUser = query('SELECT MIN(id) AS id FROM users', []).then((rows) => (rows[0] as { id: number } | undefined)?.id ?? 1);
router.post('/api/applications/:id/actions/:action', bodyParser(), async (ctx) => {
  const id = Number(ctx.params.id);
  const userId = await firstUser;
  await query(LOGIN_CHECK, [userId]);
  const state = await withTransaction(sequelize, (t) => transitionStatements((sql, params) => query(sql, params, t), id, userId));
  ctx.body = { data: { id, state } };
});

const app = new Koa();
app.use(router.routes());
app.listen(Number(process.env.PORT), '127.0.0.1');
