import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs once before the server suites. Test runs must not disturb each other (several may run at
 * once on a developer machine), so this only removes what finished runs left behind: SQLite
 * folders older than a day and MariaDB databases of test processes that no longer exist.
 */
export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..', 'data', 'test');
  try {
    for (const entry of readdirSync(root)) {
      const full = path.join(root, entry);
      if (Date.now() - statSync(full).mtimeMs > 24 * 3600 * 1000) {
        rmSync(full, { recursive: true, force: true });
      }
    }
  } catch {
    // no test data yet
  }
  if (process.env.TEST_DB !== 'mysql') {
    return;
  }
  const url = new URL(process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');
  const connection = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  try {
    const [rows] = await connection.query("SHOW DATABASES LIKE 'wc\\_test\\_%'");
    for (const row of rows as Record<string, string>[]) {
      const name = Object.values(row)[0] ?? '';
      const pid = Number(/^wc_test_(\d+)_/.exec(name)?.[1]);
      // A database named after this very process is an earlier run's whose jest had the same
      // pid (pids are reused, and databases outlive runs): it holds stale rows, so it goes too.
      if (name && (!pid || pid === process.pid || !alive(pid))) {
        await connection.query(`DROP DATABASE \`${name}\``);
      }
    }
  } finally {
    await connection.end();
  }
}
