import { createServer } from 'node:net';
import path from 'node:path';
import { loadConfig } from '../server/src/config';
import { migrate } from '../server/src/db/migrate';
import { createSequelize } from '../server/src/db/sequelize';
import { createLogger } from '../server/src/logger';
import { Api } from '../server/test/support/api';

/** What the demos share: a free port for the server, a call that must succeed, and a demo staff login. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The reply's `data`; anything but success stops the demo with what the server said. */
export async function ok<T>(what: string, request: Promise<{ status: number; body: unknown }>): Promise<T> {
  const res = await request;
  if (res.status >= 300) {
    throw new Error(`${what} → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return (res.body as { data: T }).data;
}

/** A demo staff account (password demo1234) signed in. */
export async function staffApi(baseUrl: string, username: string): Promise<Api> {
  const login = await ok<{ token: string }>(
    `login ${username}`,
    new Api(baseUrl).post('/api/auth/login', { username, password: 'demo1234' }),
  );
  return new Api(baseUrl, login.token);
}

/**
 * A demo server's environment: its own port, a new SQLite file under `dataDir`, the demo accounts,
 * the demo running the outbox workers itself unless `extra` says otherwise; `extra` (a stub's
 * settings) comes last.
 */
export function demoEnv(port: number, dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${path.join(dataDir, 'demo.sqlite')}`,
    SEED_DEMO: 'true',
    IN_PROCESS_WORKERS: 'false',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** The database exists before the server starts, as in a deployment (`npm run db:migrate`). */
export async function migrateDemo(env: NodeJS.ProcessEnv): Promise<void> {
  const setup = createSequelize(loadConfig(env), createLogger('warn'));
  await migrate(setup);
  await setup.close();
}
