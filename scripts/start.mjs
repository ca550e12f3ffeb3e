// `npm start`: builds the pages if needed, then runs the server (SQLite, local files, WeChat in
// local mode unless configured otherwise). PORT and DATA_DIR are honoured.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (process.env.SKIP_BUILD !== 'true') {
  await buildIfStale();
}
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'src', 'index.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
