/**
 * What a client gets when the database fails under a request, as the error handler renders it: an
 * outage (the database restarting, unreachable, out of connections) is a 503 with `Retry-After` and
 * a Chinese "try again shortly", so clients repeat the request; a broken query or wrong
 * credentials stay a bare 500. Driven with the errors Sequelize and mysql2 raise (the outage
 * itself, on MariaDB, is in test/reliability/databaseOutage.test.ts).
 */
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import Koa from 'koa';
import {
  AccessDeniedError,
  ConnectionAcquireTimeoutError,
  ConnectionRefusedError,
  ConnectionTimedOutError,
  DatabaseError,
  HostNotFoundError,
} from 'sequelize';
import type { AppState } from '../../src/context';
import { createLogger } from '../../src/logger';
import { errorHandler } from '../../src/middlewares/errorHandler';
import { requestContext } from '../../src/middlewares/requestContext';

/** A mysql2 error as the driver raises it, wrapped as Sequelize wraps a failed query. */
function queryError(code: string | undefined, fatal: boolean): DatabaseError {
  return new DatabaseError(Object.assign(new Error(`driver: ${code ?? 'closed'}`), { code, fatal, sql: 'SELECT 1', parameters: {} }));
}

const connectError = (code: string) => Object.assign(new Error(code), { code });

/** Answers one request with the error handler in front of a route that throws `error`. */
async function answerTo(error: Error): Promise<{ status: number; retryAfter: string | null; body: unknown; text: string }> {
  const app = new Koa<AppState>();
  app.use(requestContext(createLogger('fatal', new Writable({ write: (_c, _e, done) => done() }))));
  app.use(errorHandler());
  app.use(() => {
    throw error;
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/applications`, { method: 'POST' });
    const text = await res.text();
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: JSON.parse(text) as unknown, text };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

const RETRY_SHORTLY = { error: { code: 'DATABASE_UNAVAILABLE', message: '服务暂时不可用，请几秒后重试' } };

it.each([
  ['connection refused (MariaDB down or restarting)', new ConnectionRefusedError(connectError('ECONNREFUSED'))],
  ['connect timed out', new ConnectionTimedOutError(connectError('ETIMEDOUT'))],
  ['host not found (failover DNS)', new HostNotFoundError(connectError('ENOTFOUND'))],
  ['no pooled connection within the acquire timeout', new ConnectionAcquireTimeoutError(new Error('Operation timeout'))],
  ['connection lost mid-query', queryError('PROTOCOL_CONNECTION_LOST', true)],
  ['connection reset mid-query', queryError('ECONNRESET', true)],
  ['server shutting down', queryError('ER_SERVER_SHUTDOWN', false)],
  ['connection killed by the server', queryError('ER_CONNECTION_KILLED', false)],
  ['too many connections', queryError('ER_CON_COUNT_ERROR', false)],
  ['a query on a connection that already died', queryError(undefined, true)],
])('answers %s with 503, Retry-After and a message to try again', async (_what, error) => {
  const res = await answerTo(error);
  expect(res.status).toBe(503);
  expect(Number(res.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(res.retryAfter)).toBeLessThanOrEqual(10);
  expect(res.body).toEqual(RETRY_SHORTLY);
  expect(res.text).not.toMatch(/ECONN|PROTOCOL|ER_|SELECT/);
});

it.each([
  ['wrong database credentials (someone must fix them)', new AccessDeniedError(connectError('ER_ACCESS_DENIED_ERROR'))],
  ['a broken query', queryError('ER_PARSE_ERROR', false)],
])('answers %s with a bare 500 and no Retry-After', async (_what, error) => {
  const res = await answerTo(error);
  expect(res.status).toBe(500);
  expect(res.retryAfter).toBeNull();
  expect(res.body).toEqual({ error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } });
});
