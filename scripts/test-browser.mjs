// `npm run test:browser`: builds the pages if needed, then runs the browser suites in Debian's
// Chromium (/usr/bin/chromium, headless) against the real server on a real SQLite database.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildIfStale } from './build-if-stale.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}: install Debian's chromium (apt-get install chromium fonts-wqy-microhei).`);
  process.exit(1);
}
await buildIfStale();
const child = spawn('npx', ['jest', '--selectProjects', 'browser', '--runInBand', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, WC_BROWSER: '1', CHROMIUM_PATH: chromium },
});
child.on('exit', (code) => process.exit(code ?? 1));
