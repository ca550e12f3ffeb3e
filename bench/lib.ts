import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../server/test/support/processes';

export const ROOT = path.resolve(__dirname, '..');

export { freePort };

export async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) {
      throw new Error(`process exited before it answered: ${url}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) {
        return;
      }
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer from ${url}`);
}

export interface Spawned {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A TypeScript server script of the repository in its own process (through tsx), answering /health. */
export async function startScript(file: string, env: Record<string, string>): Promise<Spawned> {
  const port = await freePort();
  // BENCH_NODE_ARGS reaches every server the bench starts: `--cpu-prof --cpu-prof-dir=DIR` profiles
  // each one (Node refuses --cpu-prof in NODE_OPTIONS), written when the bench stops it.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(ROOT, file)], {
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child);
  return { url, child, stop: () => stopChild(child) };
}

/** Our server in its own process (so the load generator does not share its event loop). */
export function startApi(env: Record<string, string>): Promise<Spawned> {
  return startScript(path.join('server', 'src', 'index.ts'), {
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    IN_PROCESS_WORKERS: 'false',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ...env,
  });
}

/** A bare `node:http` server in its own process, from a script body that receives `port`. */
export async function startBare(script: string, env: Record<string, string> = {}): Promise<Spawned> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    cwd: ROOT,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child);
  return { url, child, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** One autocannon round. */
export async function load(
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const result = await autocannon({ url, connections: options.connections, duration: options.seconds, headers: options.headers });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * `count` rounds of each measure taken in turns (a round of each, then again), after one round of
 * each that is not counted. Not counted: a freshly started process runs unoptimized code for its
 * first seconds (a cold API spent 5 ms of CPU per transition where a warm one spends 3), and a bench
 * measures the server as it runs, for ours and baselines alike. In turns: these machines drift by a
 * third within minutes (the API's CPU per SQLite transition was 4.9 ms in one whole run and 2.7 ms
 * in the next), and a drift then touches ours and its baselines alike, not whichever ran last.
 */
export async function inTurns<M extends Record<string, unknown>>(
  count: number,
  measures: { [K in keyof M]: () => Promise<M[K]> },
): Promise<{ [K in keyof M]: M[K][] }> {
  const keys = Object.keys(measures) as (keyof M)[];
  const all = Object.fromEntries(keys.map((k) => [k, []])) as unknown as { [K in keyof M]: M[K][] };
  for (let round = 0; round <= count; round++) {
    for (const key of keys) {
      const result = await measures[key]();
      if (round > 0) {
        all[key].push(result);
      }
    }
  }
  return all;
}

/** The median of one figure over a measure's rounds. */
export function medianOf<T>(all: T[], pick: (t: T) => number): number {
  return median(all.map(pick));
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc; null where there is no /proc.
 * On a noisy shared machine the CPU an operation costs varies far less than its throughput.
 */
export function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS : null;
  } catch {
    return null;
  }
}

// USER_HZ: 100 on every Linux this runs on (the kernel reports /proc times in these ticks).
const CLOCK_TICKS = 100;

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, node ${process.version}, load ${os.loadavg()[0]?.toFixed(2)}`;
}

export async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  const body = (await res.json()) as { data: { token: string } };
  return body.data.token;
}
