/**
 * The backup a utility's IT runs every night, and the restore drill they run before they need it:
 * `npm run backup` of a MariaDB database with uploaded files, `npm run restore` into another empty
 * database and folder, the proof it prints (hash chains, rows per table, every file's SHA-256), and
 * a server started on the restored copy that lets the same people log in and download the same
 * bytes. Then what must not pass: a restore over existing data, an edited row or file after the
 * restore, a changed file or dump in the backup.
 *
 * The scripts run as the operator runs them (`npm run …` in a child process), on the test file's
 * own MariaDB database; the restored copies are databases of their own, named after this run so
 * that globalSetup drops them once it has ended.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { REPO_ROOT } from '../../src/config';
import { Application, Attachment, AuditEvent, HistoryEntry } from '../../src/models';
import { TEST_PASSWORD, unique } from '../support/factories';
import { createCrew, design, enterpriseAtSurvey, survey, type Crew } from '../support/journey';
import { databaseUrl, startTestServer, type TestServer } from '../support/testServer';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The `RESULT key=value …` line, as a map. */
  result: Record<string, string>;
}

/** `npm run <script> -- <args>` from the repository, as an operator types it. */
function npmRun(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      const line = stdout.split('\n').findLast((l) => l.startsWith('RESULT ')) ?? '';
      const result = Object.fromEntries(
        line
          .slice('RESULT '.length)
          .split(' ')
          .filter(Boolean)
          .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
      );
      resolve({ code, stdout, stderr, result });
    });
  });
}

const testDir = (name: string) => path.join(REPO_ROOT, 'data', 'test', `${name}-${randomBytes(4).toString('hex')}`);

/** An empty database name of this run (globalSetup drops `wc_test_<pid>_…` once the run has ended). */
function freshDatabaseUrl(like: string, label: string): string {
  const url = new URL(like);
  url.pathname = `/wc_test_${process.ppid}_${label}_${randomBytes(3).toString('hex')}`;
  return url.toString();
}

async function sql<T>(url: string, statement: string, params: unknown[] = []): Promise<T> {
  const u = new URL(url);
  const connection = await createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  });
  try {
    const [rows] = await connection.query(statement, params);
    return rows as T;
  } finally {
    await connection.end();
  }
}

const onMariaDb = process.env.TEST_DB === 'mysql';

// SQLite is the embedded database for trying the product: the backup script refuses it (a
// production installation runs MariaDB, see docs/deploy.md), and says so instead of backing up nothing.
(onMariaDb ? describe.skip : describe)('backup on the embedded SQLite database', () => {
  it('refuses with a clear message and exit code 2', async () => {
    const dataDir = testDir('backup-sqlite');
    const run = await npmRun('backup', ['--out', testDir('backup-sqlite-out')], {
      DATABASE_URL: `sqlite:${path.join(dataDir, 'app.sqlite')}`,
      DATA_DIR: dataDir,
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('备份脚本只支持 MariaDB/MySQL');
    expect(run.result).toEqual({ backup: 'refused', reason: 'sqlite' });
  });
});

// MariaDB only: the scripts drive mariadb-dump and the mariadb client, which speak to a server.
(onMariaDb ? describe : describe.skip)('backup and restore on MariaDB', () => {
  let server: TestServer;
  let crew: Crew;
  const originals = new Map<number, Buffer>();
  let backupDir: string;
  let backup: Run;
  let live: { applications: number; history: number; audit: number; attachments: number; bytes: number };

  beforeAll(async () => {
    server = await startTestServer();
    crew = await createCrew(server.url);
    // Two applications with history and files; a staff account created by an administrator writes
    // an audit event, so both hash chains have something to prove.
    const first = await survey(crew, await enterpriseAtSurvey(crew));
    await design(crew, await survey(crew, await enterpriseAtSurvey(crew)));
    const created = await crew.admin.api.post('/api/users', {
      username: unique('u'),
      displayName: '新同事',
      password: 'abc12345',
      roles: ['reviewer'],
    });
    expect(created.status).toBe(201);
    for (const file of await Attachment.findAll()) {
      originals.set(file.id, readFileSync(path.join(server.config.dataDir, file.storageKey)));
    }
    live = {
      applications: await Application.count(),
      history: await HistoryEntry.count(),
      audit: await AuditEvent.count(),
      attachments: await Attachment.count(),
      bytes: (await Attachment.findAll()).reduce((sum, a) => sum + a.size, 0),
    };
    expect(first.id).toBeGreaterThan(0);
    expect(live.attachments).toBeGreaterThanOrEqual(6);
    expect(live.audit).toBeGreaterThan(0);

    backupDir = testDir('backup');
    backup = await npmRun('backup', ['--out', backupDir], {
      DATABASE_URL: server.config.databaseUrl,
      DATA_DIR: server.config.dataDir,
      STORAGE_DRIVER: 'local',
    });
    await server.close();
  });

  it('backs up the dump and every file with a manifest, and ends with a RESULT line', () => {
    expect(backup.stderr).not.toContain('失败');
    expect(backup.code).toBe(0);
    expect(backup.result).toMatchObject({ backup: 'ok', files: String(live.attachments), bytes: String(live.bytes), storage: 'local' });
    const manifest = JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as {
      tables: Record<string, number>;
      rows: number;
      migrations: string[];
      storage: { files: { path: string }[] };
    };
    expect(manifest.tables).toMatchObject({
      applications: live.applications,
      application_history: live.history,
      audit_events: live.audit,
      attachments: live.attachments,
    });
    expect(String(manifest.rows)).toBe(backup.result.rows);
    expect(manifest.migrations.length).toBeGreaterThan(0);
    expect(manifest.storage.files.every((f) => f.path.startsWith('uploads/'))).toBe(true);
    // The password of DATABASE_URL (if any) never appears in what the operator sees.
    const password = decodeURIComponent(new URL(server.config.databaseUrl).password);
    if (password) {
      expect(backup.stdout).not.toContain(password);
    }
  });

  describe('restored into an empty database and folder', () => {
    let restoredUrl: string;
    let restoredDir: string;
    let restore: Run;

    beforeAll(async () => {
      restoredUrl = freshDatabaseUrl(await databaseUrl(''), 'restored');
      restoredDir = testDir('restored');
      restore = await npmRun('restore', ['--from', backupDir, '--database-url', restoredUrl, '--data-dir', restoredDir]);
    });

    it('loads, copies and proves the copy: rows, files and hash chains', () => {
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);
      expect(restore.result).toMatchObject({
        restore_verified: 'ok',
        rows: backup.result.rows,
        rows_match: 'yes',
        files: String(live.attachments),
        bytes: String(live.bytes),
        files_match: 'yes',
        chain_problems: '0',
      });
      expect(Number(restore.result.chain_checked)).toBe(live.history + live.audit);
    });

    it('refuses to restore over a database that has tables, and changes nothing there', async () => {
      const before = await sql<{ n: number }[]>(restoredUrl, 'SELECT COUNT(*) AS n FROM application_history');
      const again = await npmRun('restore', ['--from', backupDir, '--database-url', restoredUrl, '--data-dir', testDir('again')]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('不是空的');
      expect(again.result).toEqual({ restore_verified: 'failed', reason: 'refused' });
      expect(await sql<{ n: number }[]>(restoredUrl, 'SELECT COUNT(*) AS n FROM application_history')).toEqual(before);
    });

    it('serves the restored data: the same people log in and download the same bytes', async () => {
      const restored = await startTestServer({ DATABASE_URL: restoredUrl, DATA_DIR: restoredDir });
      try {
        const login = await fetch(`${restored.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: crew.surveyor.user.username, password: TEST_PASSWORD }),
        });
        expect(login.status).toBe(200);
        const { token } = ((await login.json()) as { data: { token: string } }).data;
        const [applicationId] = [...new Set((await Attachment.findAll()).map((a) => a.applicationId))];
        const list = await fetch(`${restored.url}/api/applications/${applicationId}/attachments`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(list.status).toBe(200);
        const files = ((await list.json()) as { data: { id: number; downloadUrl: string | null }[] }).data;
        expect(files.length).toBeGreaterThan(0);
        for (const file of files) {
          const download = await fetch(`${restored.url}${file.downloadUrl ?? ''}`);
          expect(download.status).toBe(200);
          expect(Buffer.from(await download.arrayBuffer()).equals(originals.get(file.id) ?? Buffer.alloc(0))).toBe(true);
        }
      } finally {
        await restored.close();
      }
    });

    it('reports an edited history row and an altered file when checked again (--verify-only)', async () => {
      const [row] = await sql<{ id: number }[]>(restoredUrl, 'SELECT MIN(id) AS id FROM application_history');
      await sql(restoredUrl, 'UPDATE application_history SET comment = ? WHERE id = ?', ['篡改的意见', row?.id]);
      const [file] = await sql<{ storage_key: string }[]>(restoredUrl, 'SELECT storage_key FROM attachments ORDER BY id LIMIT 1');
      const target = path.join(restoredDir, file?.storage_key ?? '');
      const bytes = readFileSync(target);
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
      writeFileSync(target, bytes);

      const check = await npmRun('restore', [
        '--verify-only',
        '--from',
        backupDir,
        '--database-url',
        restoredUrl,
        '--data-dir',
        restoredDir,
      ]);
      expect(check.code).toBe(1);
      expect(check.result).toMatchObject({ restore_verified: 'failed', rows_match: 'yes', files_match: 'no', chain_problems: '1' });
      expect(check.stdout).toContain(`哈希链断裂：application_history id=${row?.id}`);
      expect(check.stdout).toContain(`附件不符：${file?.storage_key}`);
    });
  });

  it('fails the restore of a backup whose file was changed, naming the file', async () => {
    const manifest = JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as { storage: { files: { path: string }[] } };
    const changed = manifest.storage.files[0]?.path ?? '';
    const copy = path.join(backupDir, 'files', changed);
    const original = readFileSync(copy);
    try {
      writeFileSync(copy, Buffer.concat([original, Buffer.from('x')]));
      const run = await npmRun('restore', [
        '--from',
        backupDir,
        '--database-url',
        freshDatabaseUrl(await databaseUrl(''), 'badfile'),
        '--data-dir',
        testDir('badfile'),
      ]);
      expect(run.code).toBe(1);
      expect(run.result).toMatchObject({ restore_verified: 'failed', rows_match: 'yes', files_match: 'no', chain_problems: '0' });
      expect(run.stdout).toContain(`附件不符：${changed}`);
    } finally {
      writeFileSync(copy, original);
    }
  });

  it('refuses a backup whose dump was changed, before creating anything', async () => {
    const dump = path.join(backupDir, 'database.sql.gz');
    const original = readFileSync(dump);
    const target = freshDatabaseUrl(await databaseUrl(''), 'baddump');
    try {
      writeFileSync(dump, Buffer.concat([original, Buffer.from([0])]));
      const run = await npmRun('restore', ['--from', backupDir, '--database-url', target, '--data-dir', testDir('baddump')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('数据库备份文件 database.sql.gz 已损坏或被改动');
      const name = new URL(target).pathname.slice(1);
      expect(await sql<unknown[]>(await databaseUrl(''), 'SHOW DATABASES LIKE ?', [name])).toEqual([]);
    } finally {
      writeFileSync(dump, original);
    }
  });
});
