/**
 * What the first-screen benches (bench:admin, bench:h5) share: the pages built as `npm start`
 * serves them, the real server on a fresh SQLite file in this process, Debian's Chromium, and the
 * median of the runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../server/src/config';
import { createLogger } from '../server/src/logger';
import { startServer } from '../server/src/server';
import { launchBrowser } from '../test/support/browser';

/** Lab conditions of both budgets: a mid-range phone or office PC is about four times slower. */
export const CPU_SLOWDOWN = 4;
export const RUNS = Number(process.env.RUNS ?? 5);

export interface BenchSite {
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the pages when their sources changed, starts the server and Chromium. */
export async function openBenchSite(name: string, seedDemo: boolean): Promise<BenchSite> {
  const build = spawnSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'build-if-stale.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) {
    throw new Error('building the pages failed');
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), `wc-bench-${name}-`));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: String(seedDemo),
    IN_PROCESS_WORKERS: 'false',
    LOG_LEVEL: 'warn',
  });
  const server = await startServer(config, { logger: createLogger('warn') });
  const browser = await launchBrowser();
  return {
    base: `http://127.0.0.1:${server.port}`,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** POST JSON to the API; throws on anything but 2xx. */
export async function post<T>(base: string, url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    throw new Error(`${url} → ${res.status} ${await res.text()}`);
  }
  return (await res.json()) as T;
}

/** Prints the median line of `timings` and returns the median. */
export function reportMedian(label: string, timings: number[], budgetMs: number): number {
  const sorted = [...timings].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  console.log(
    `${label} median ${median} ms over ${timings.length} runs (min ${sorted[0]}, max ${sorted[sorted.length - 1]}), budget ${budgetMs} ms, CPU ${CPU_SLOWDOWN}× slower`,
  );
  return median;
}
