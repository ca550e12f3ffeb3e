import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createConnection } from 'mysql2/promise';
import { loadConfig, REPO_ROOT, type Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';

/** Everything logged during the test file, for tests about what logs may contain. */
export const capturedLogs: string[] = [];

/** Every test process appends its server logs here; globalTeardown scans them for unmasked personal data. */
export const LOG_DIR = path.join(REPO_ROOT, 'data', 'test', 'logs');
const logFile = path.join(LOG_DIR, `run-${process.ppid}-${process.pid}.log`);

const logSink = new Writable({
  write(chunk: Buffer, _encoding, callback) {
    const line = chunk.toString('utf8');
    capturedLogs.push(line);
    appendFileSync(logFile, line);
    callback();
  },
});

/** The running test file, from jest's `expect` global (this module is also compiled with the scripts). */
function currentTestPath(): string {
  const jestExpect = (globalThis as { expect?: { getState(): { testPath?: string } } }).expect;
  return jestExpect?.getState().testPath ?? 'file';
}

/**
 * The database of this test file: a fresh SQLite file, or a MariaDB database of its own. Workers,
 * scanners and counts see every row of their database, so files never share one: no file's rows
 * (ten thousand archive rows, thousands of undrained messages) can decide another file's results.
 */
export async function databaseUrl(dataDir: string): Promise<string> {
  if (process.env.TEST_DB !== 'mysql') {
    return `sqlite:${path.join(dataDir, 'test.sqlite')}`;
  }
  const base = new URL(process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');
  // Named after this run (the workers' parent is the jest process: globalSetup drops the databases
  // of runs that ended) and the test file; every server a file starts shares the file's database.
  const testPath = currentTestPath();
  const file = path
    .basename(testPath, '.test.ts')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 24);
  const tag = createHash('sha256').update(testPath).digest('hex').slice(0, 6);
  const name = `wc_test_${process.ppid}_${file}_${tag}`;
  const connection = await createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username),
    password: decodeURIComponent(base.password),
  });
  await connection.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await connection.end();
  base.pathname = `/${name}`;
  return base.toString();
}

export interface TestServer {
  url: string;
  running: RunningServer;
  config: Config;
  close(): Promise<void>;
}

/**
 * The real Koa app on a real database, listening on a free port: the test file's own database
 * (see databaseUrl), so tests create their own data and never truncate.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = path.join(REPO_ROOT, 'data', 'test', `w${process.env.JEST_WORKER_ID ?? '1'}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(LOG_DIR, { recursive: true });
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: await databaseUrl(dataDir),
    JWT_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'false',
    IN_PROCESS_WORKERS: 'false',
    LOG_LEVEL: 'info',
    PORT: '0',
    HOST: '127.0.0.1',
    ...env,
  });
  const running = await startServer(config, { logger: createLogger('info', logSink) });
  return {
    url: `http://127.0.0.1:${running.port}`,
    running,
    config,
    close: () => running.close(),
  };
}
