/**
 * `npm run demo:operations`: a utility's first week of administration, on MariaDB (backups are
 * MariaDB dumps): the server starts on a fresh database with the demo data; the administrator
 * imports 2027's 春节 from an Excel sheet and saves it; the archive is searched; one application's
 * dossier is exported and checked entry by entry against the files' SHA-256; then the database and
 * files are backed up and restored into an empty database and folder, and the restore verifies
 * itself. Ends with `RESULT calendar_2027=ok archive_hits=N dossier_files=N restore_verified=ok`.
 *
 * MariaDB: `DEMO_MYSQL_URL` or `TEST_MYSQL_URL`, else `mysql://root@127.0.0.1:3306/` (the databases
 * it creates are dropped at the end).
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createConnection } from 'mysql2/promise';
import yauzl from 'yauzl';
import { parseCalendarPaste, type AttachmentView, type CalendarImportView, type CalendarYearView } from '@wc/shared';
import { Api } from '../server/test/support/api';

const root = path.resolve(__dirname, '..');
const say = (text: string) => console.log(text);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });

/** The server's MariaDB, with a database name of our own. */
function databaseUrl(name: string): string {
  const url = new URL(process.env.DEMO_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');
  url.pathname = `/${name}`;
  return url.toString();
}

async function withServerConnection<T>(use: (run: (sql: string) => Promise<unknown>) => Promise<T>): Promise<T> {
  const url = new URL(databaseUrl(''));
  const connection = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  try {
    return await use((sql) => connection.query(sql));
  } finally {
    await connection.end();
  }
}

/** `npm run <script> -- …` as an operator types it; resolves its `RESULT` line as a map. */
function npmRun(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; result: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      const line = out.split('\n').findLast((l) => l.startsWith('RESULT ')) ?? '';
      const pairs = line.slice('RESULT '.length).split(' ').filter(Boolean);
      resolve({ code, result: Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)])) });
    });
  });
}

function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) {
        reject(error ?? new Error('not a zip'));
        return;
      }
      const entries = new Map<string, Buffer>();
      file.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) {
          file.readEntry();
          return;
        }
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            reject(streamError ?? new Error('no stream'));
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            file.readEntry();
          });
        });
      });
      file.on('end', () => resolve(entries));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

async function login(url: string, username: string): Promise<Api> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  const body = (await res.json()) as { data: { token: string } };
  return new Api(url, body.data.token);
}

/** 1. 2027's Spring Festival from an Excel sheet, previewed and saved; the calendar then says so. */
async function calendar(url: string, admin: Api): Promise<'ok' | 'failed'> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('2027年');
  sheet.addRow(['开始日期', '结束日期', '类型', '名称']);
  sheet.addRow([new Date(Date.UTC(2027, 1, 6)), new Date(Date.UTC(2027, 1, 12)), '放假', '春节']);
  sheet.addRow(['2027-02-20', '', '上班', '春节调休']);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await workbook.xlsx.writeBuffer())]), '2027年放假安排.xlsx');
  const imported = (await (
    await fetch(`${url}/api/settings/calendar/import`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}` }, body: form })
  ).json()) as { data: CalendarImportView };
  say(`工作日历：从Excel读取 ${imported.data.rows} 行\n${imported.data.text.replace(/^/gm, '  ')}`);
  const parsed = parseCalendarPaste(imported.data.text, 2027);
  const saved = await admin.put<{ data: CalendarYearView }>('/api/settings/calendar/2027', { entries: parsed.entries });
  const day = (date: string) => saved.body.data.days.find((d) => d.date === date);
  const ok = saved.status === 200 && day('2027-02-08')?.working === false && day('2027-02-20')?.working === true;
  say(
    `  保存${saved.status === 200 ? '成功' : `失败（${saved.status}）`}：2027-02-08 ${day('2027-02-08')?.working ? '上班' : '放假'}，2027-02-20 ${day('2027-02-20')?.working ? '上班' : '放假'}`,
  );
  return ok ? 'ok' : 'failed';
}

/** 2. 档案查询: the demo's drawings found by their category. */
async function archive(staff: Api): Promise<{ hits: number; applicationId: number | null }> {
  const res = await staff.get<{ data: (AttachmentView & { applicationNumber: string })[]; meta: { total: number } }>(
    '/api/attachments?category=construction_drawing_pdf',
  );
  for (const file of res.body.data.slice(0, 5)) {
    say(`  ${file.applicationNumber} · ${file.categoryLabel} · ${file.displayName}`);
  }
  say(`档案查询「施工图(PDF)」：${res.body.meta.total} 个文件`);
  return { hits: res.body.meta.total, applicationId: res.body.data[0]?.applicationId ?? null };
}

/** 3. 导出资料: the zip's files, each matched against the stored file's SHA-256. */
async function dossier(url: string, staff: Api, applicationId: number): Promise<number> {
  const res = await fetch(`${url}/api/applications/${applicationId}/dossier.zip`, { headers: { authorization: `Bearer ${staff.token}` } });
  if (res.status !== 200) {
    throw new Error(`导出资料失败：${res.status}`);
  }
  const entries = await unzip(Buffer.from(await res.arrayBuffer()));
  const files = (await staff.get<{ data: AttachmentView[] }>(`/api/applications/${applicationId}/attachments`)).body.data;
  const known = new Set(files.map((f) => f.sha256));
  let matched = 0;
  for (const [name, content] of entries) {
    if (name.endsWith('.pdf') && name.includes('报装资料汇总')) {
      say(`  ${name}（汇总，${content.length} 字节）`);
      continue;
    }
    const sha = createHash('sha256').update(content).digest('hex');
    if (!known.has(sha)) {
      throw new Error(`资料包中的 ${name} 与任何已存文件都不一致`);
    }
    matched += 1;
    say(`  ${name} ✓ SHA-256 ${sha.slice(0, 12)}…`);
  }
  say(`导出资料：${matched} 个文件与存档一致`);
  return matched;
}

async function main(): Promise<void> {
  const suffix = randomBytes(4).toString('hex');
  const live = `wc_demo_ops_${suffix}`;
  const restored = `${live}_restored`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wc-demo-ops-'));
  // Backups go elsewhere than the data they keep, as on a real server.
  const backupDir = mkdtempSync(path.join(os.tmpdir(), 'wc-demo-ops-backup-'));
  const restoredDir = mkdtempSync(path.join(os.tmpdir(), 'wc-demo-ops-restored-'));
  await withServerConnection((run) => run(`CREATE DATABASE \`${live}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { DATABASE_URL: databaseUrl(live), DATA_DIR: dataDir };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'src', 'index.ts')], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(32).toString('hex'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let result = 'RESULT calendar_2027=failed archive_hits=0 dossier_files=0 restore_verified=failed';
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${url}/health`)).ok) {
          break;
        }
      } catch {
        // starting
      }
      if (i > 900 || child.exitCode !== null) {
        throw new Error('服务器未能启动');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    say(`服务器已在 MariaDB 数据库 ${live} 上启动（演示数据）：${url}\n`);
    const admin = await login(url, 'admin');
    const reviewer = await login(url, 'reviewer');
    const calendarResult = await calendar(url, admin);
    const found = await archive(reviewer);
    const dossierFiles = found.applicationId === null ? 0 : await dossier(url, admin, found.applicationId);

    say('\n备份（数据库与附件）…');
    const backup = await npmRun('backup', ['--out', backupDir], env);
    say(
      `  ${Object.entries(backup.result)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
    say('恢复到空数据库并校验…');
    const restore = await npmRun('restore', ['--from', backupDir, '--database-url', databaseUrl(restored), '--data-dir', restoredDir], {});
    say(
      `  ${Object.entries(restore.result)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
    const verified = backup.code === 0 && restore.code === 0 && restore.result.restore_verified === 'ok' ? 'ok' : 'failed';

    result = `RESULT calendar_2027=${calendarResult} archive_hits=${found.hits} dossier_files=${dossierFiles} restore_verified=${verified}`;
    if (calendarResult !== 'ok' || found.hits === 0 || dossierFiles === 0 || verified !== 'ok') {
      process.exitCode = 1;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await withServerConnection(async (run) => {
      await run(`DROP DATABASE IF EXISTS \`${live}\``);
      await run(`DROP DATABASE IF EXISTS \`${restored}\``);
    }).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(restoredDir, { recursive: true, force: true });
    rmSync(backupDir, { recursive: true, force: true });
    say(`\n${result}`);
  }
}

void main();
