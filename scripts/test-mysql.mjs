// `npm run test:mysql`: the database-backed suites against MariaDB/MySQL instead of SQLite files.
// TEST_MYSQL_URL names a user that may create databases (default: root on 127.0.0.1:3306).
// Outside CI an unreachable server skips the suite with a message; in CI (CI=true) it fails.
import { spawn } from 'node:child_process';
import net from 'node:net';

const url = new URL(process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');

const reachable = await new Promise((resolve) => {
  const socket = net.connect(Number(url.port || 3306), url.hostname);
  socket.setTimeout(2000);
  socket.once('connect', () => {
    socket.destroy();
    resolve(true);
  });
  socket.once('error', () => resolve(false));
  socket.once('timeout', () => {
    socket.destroy();
    resolve(false);
  });
});

if (!reachable) {
  const message = `MariaDB/MySQL is not reachable at ${url.hostname}:${url.port || 3306}`;
  if (process.env.CI === 'true') {
    console.error(`${message} — the MariaDB suite cannot run.`);
    process.exit(1);
  }
  console.warn(`${message}; skipping the MariaDB suite (set CI=true to make this an error).`);
  process.exit(0);
}

const child = spawn('npx', ['jest', '--selectProjects', 'server', 'cross', ...process.argv.slice(2)], {
  stdio: 'inherit',
  // The model-based test runs 1,000 sequences on SQLite in `npm test`; 300 here keep CI short.
  env: { MODEL_RUNS: '300', ...process.env, TEST_DB: 'mysql', TEST_MYSQL_URL: url.toString() },
});
child.on('exit', (code) => process.exit(code ?? 1));
