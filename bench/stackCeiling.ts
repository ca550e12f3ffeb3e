/**
 * What a transition costs at the least on our stack, and so the stack's ceiling for P3, as a
 * server: Koa, @koa/router, the JSON body parser and Sequelize on the server's own database set-up
 * (the SQLite driver, the write queue) running the transition's statements raw, statement for
 * statement as ours sends them (the login check's read included), and nothing of ours: no token
 * check, no validation, no workflow, no facts' checks, no reply to present. The same for P2's read
 * of one application's detail. The bench prints what it reaches beside ours. Run by `bench/run.ts`
 * with PORT and DATABASE_URL.
 */
import { bodyParser } from '@koa/bodyparser';
import { QueryTypes, type Transaction } from 'sequelize';
import { databaseDialectOf } from '../server/src/config';
import { createSequelize } from '../server/src/db/sequelize';
import { withTransaction } from '../server/src/db/transaction';
import { ceilingRouter, serveCeiling } from './ceilingServer';
import { DETAIL_READ, LOGIN_CHECK, sqliteDateText, transitionStatements } from './transitions';

const databaseUrl = process.env.DATABASE_URL ?? '';
const sequelize = createSequelize({ databaseUrl, databaseDialect: databaseDialectOf(databaseUrl) });

// The models hand SQLite's driver a date as the text they store ('2026-12-08 01:12:47.014 +00:00');
// mysql2 takes a Date as it is.
const sqlite = sequelize.getDialect() === 'sqlite';
const bindable = (value: unknown): unknown => (sqlite && value instanceof Date ? sqliteDateText(value) : value);

/**
 * One statement through `sequelize.query`: its values bound where ours binds them (Sequelize's `$n`),
 * else written into the text; an INSERT resolves the new row's id, as the models learn it.
 */
async function query(sql: string, values: unknown[], transaction?: Transaction, bound = false): Promise<unknown[]> {
  let n = 0;
  const text = bound ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  const given = bound ? { bind: values.map(bindable) } : { replacements: values };
  if (sql.startsWith('INSERT')) {
    const [insertId] = (await sequelize.query(text, { ...given, transaction, type: QueryTypes.INSERT })) as unknown as [number];
    return [{ insertId }];
  }
  return (await sequelize.query(text, {
    ...given,
    transaction,
    type: sql.startsWith('SELECT') ? QueryTypes.SELECT : QueryTypes.RAW,
  })) as unknown[];
}

const { router, firstUser } = ceilingRouter(sequelize);
// P2's read of one application's detail: the statements ours sends, through Sequelize, for the user
// the bench names (ours reads as the logged-in reviewer; this checks no token).
router.get('/api/read/:id', async (ctx) => {
  const id = Number(ctx.params.id);
  const [user] = await query(LOGIN_CHECK, [Number(ctx.query.user)]);
  const [app] = await query(DETAIL_READ.application, [id]);
  const [contracts, files, versions, history] = await Promise.all(
    DETAIL_READ.together.map((sql) => query(sql, DETAIL_READ.values(sql, id))),
  );
  ctx.body = { data: { ...(app as object), viewer: user, contract: contracts?.[0] ?? null, files, versions, history } };
});
router.post('/api/applications/:id/actions/:action', bodyParser(), async (ctx) => {
  const id = Number(ctx.params.id);
  const userId = await firstUser;
  await query(LOGIN_CHECK, [userId]);
  const state = await withTransaction(sequelize, (t) =>
    transitionStatements((sql, params, bound) => query(sql, params, t, bound), sqlite ? 'sqlite' : 'mysql', id, userId),
  );
  ctx.body = { data: { id, state } };
});

serveCeiling(router);
