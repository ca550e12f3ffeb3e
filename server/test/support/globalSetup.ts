import { rmSync } from 'node:fs';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';

/**
 * Runs once before the server suites: a fresh folder for SQLite files and uploads, or, with
 * TEST_DB=mysql, fresh databases (one per jest worker) on MariaDB.
 */
export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..', 'data', 'test');
  rmSync(root, { recursive: true, force: true });
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
      const name = Object.values(row)[0];
      if (name) {
        await connection.query(`DROP DATABASE \`${name}\``);
      }
    }
  } finally {
    await connection.end();
  }
}
