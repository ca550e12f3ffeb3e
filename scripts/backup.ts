// `npm run backup -- --out <dir>`: a backup a restore can prove complete. The MariaDB database as
// one consistent dump (mariadb-dump --single-transaction: one snapshot, the system keeps running),
// then the attachment files of local storage, each with its SHA-256, then manifest.json (time,
// version, migration level, rows per table as counted in the dump, files and bytes). The files are
// copied after the dump: an upload stores its file before its row, so every file a dumped row names
// is already on disk. With OSS storage only the database is backed up (the bucket's versioning or
// replication keeps the files). SQLite is refused: the embedded database is for trying the product.
// The last line is `RESULT tables=… rows=… files=… bytes=…`. Exit code: 0 done, 2 refused or failed.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { QueryTypes } from 'sequelize';
import { loadConfig, REPO_ROOT, type Config } from '../server/src/config';
import { createSequelize } from '../server/src/db/sequelize';
import { DumpRowCounter } from './backup/dumpRows';
import { copyHashed, listStoredFiles, type FileEntry } from './backup/files';
import { DUMP, FILES, writeManifest, type Manifest } from './backup/manifest';
import { clientProgram, maskUrl, parseDatabaseUrl, runClient, withOptionFile } from './backup/mariadbClient';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** The settings, without writing a generated JWT secret into the data folder (a backup signs nothing). */
function backupConfig(): Config {
  return loadConfig({ ...process.env, JWT_SECRET: process.env.JWT_SECRET || 'backup-does-not-sign-tokens-0000000000' });
}

/** The output folder: new, or empty, so a backup never mixes with an older one. */
function prepareOut(out: string): string {
  const dir = path.resolve(out);
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0) {
    throw new Error(`备份目录 ${dir} 不是空的：请每次备份用一个新目录（例如按日期命名）`);
  }
  return dir;
}

async function databaseFacts(config: Config): Promise<{ migrations: string[]; serverVersion: string }> {
  const sequelize = createSequelize(config);
  try {
    const migrations = await sequelize.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name', {
      type: QueryTypes.SELECT,
    });
    const [version] = await sequelize.query<{ v: string }>('SELECT VERSION() AS v', { type: QueryTypes.SELECT });
    return { migrations: migrations.map((m) => m.name), serverVersion: version?.v ?? '' };
  } finally {
    await sequelize.close();
  }
}

/** Dumps the database into `<dir>/database.sql.gz`, counting rows per table on the way. */
async function dumpDatabase(config: Config, dir: string): Promise<{ tables: Map<string, number>; bytes: number; sha256: string }> {
  const target = parseDatabaseUrl(config.databaseUrl);
  const program = clientProgram(['mariadb-dump', 'mysqldump']);
  const counter = new DumpRowCounter();
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  await withOptionFile(target, (optionFile) =>
    runClient(
      program,
      optionFile,
      [
        // One snapshot of every InnoDB table, without locking out the running servers.
        '--single-transaction',
        '--quick',
        '--routines',
        '--triggers',
        '--hex-blob',
        // Tablespaces need the PROCESS privilege, which the application's user does not have.
        '--no-tablespaces',
        target.database,
      ],
      { output: (stdout) => pipeline(stdout, counter, createGzip(), tap, createWriteStream(path.join(dir, DUMP))) },
    ),
  );
  if (!counter.completed) {
    throw new Error(`${program} 的输出不完整（没有 "Dump completed" 结尾）`);
  }
  return { tables: counter.tables, bytes, sha256: hash.digest('hex') };
}

/** Copies every file of local storage (`$DATA_DIR/uploads`, `$DATA_DIR/settings`) into `<dir>/files/`, hashing each. */
async function copyAttachments(config: Config, dir: string): Promise<FileEntry[]> {
  const entries: FileEntry[] = [];
  for (const relative of await listStoredFiles(config.dataDir)) {
    const copied = await copyHashed(path.join(config.dataDir, relative), path.join(dir, FILES, relative));
    entries.push({ path: relative, ...copied });
  }
  return entries;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  if (!values.out) {
    say('用法: npm run backup -- --out <空目录>   （数据库与附件的设置取自环境变量，与服务相同）');
    return 2;
  }
  const config = backupConfig();
  if (config.databaseDialect !== 'mysql') {
    say(
      '备份脚本只支持 MariaDB/MySQL（DATABASE_URL=mysql://…）。当前是内置的 SQLite 数据库，仅用于试用：' +
        '生产环境请使用 MariaDB（见 docs/deploy.md）；如确需保存 SQLite 试用数据，请先停止服务，再复制 DATA_DIR 整个目录。',
    );
    say('RESULT backup=refused reason=sqlite');
    return 2;
  }
  const dir = prepareOut(values.out);
  const startedAt = new Date();
  say(`备份数据库 ${maskUrl(config.databaseUrl)} → ${dir}`);
  const facts = await databaseFacts(config);
  const dump = await dumpDatabase(config, dir);
  const tables = Object.fromEntries([...dump.tables].sort(([a], [b]) => a.localeCompare(b)));
  const rows = Object.values(tables).reduce((sum, n) => sum + n, 0);
  say(`  数据库：${Object.keys(tables).length} 张表，${rows} 行，压缩后 ${dump.bytes} 字节`);

  let files: FileEntry[] = [];
  let note: string | undefined;
  if (config.storage.driver === 'oss') {
    note =
      `附件保存在阿里云 OSS（bucket ${config.storage.oss.bucket}，${config.storage.oss.region}），本备份只含数据库；` +
      '附件由 OSS 的版本控制和跨区域复制保护，请确认这两项已开启。';
    say(`  ${note}`);
  } else {
    files = await copyAttachments(config, dir);
    say(`  附件：${files.length} 个文件，${files.reduce((sum, f) => sum + f.size, 0)} 字节`);
  }
  const fileBytes = files.reduce((sum, f) => sum + f.size, 0);
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const manifest: Manifest = {
    format: 1,
    createdAt: startedAt.toISOString(),
    app: { name: pkg.name, version: pkg.version },
    database: {
      dialect: 'mysql',
      name: parseDatabaseUrl(config.databaseUrl).database,
      serverVersion: facts.serverVersion,
      dump: { file: DUMP, bytes: dump.bytes, sha256: dump.sha256 },
    },
    migrations: facts.migrations,
    tables,
    rows,
    storage: { driver: config.storage.driver, note, files, fileCount: files.length, fileBytes },
  };
  writeManifest(dir, manifest);
  say(`完成：${dir}/manifest.json（迁移 ${facts.migrations.at(-1) ?? '无'}）`);
  say(
    `RESULT backup=ok tables=${Object.keys(tables).length} rows=${rows} files=${files.length} bytes=${fileBytes} dump_bytes=${dump.bytes} storage=${config.storage.driver} dir=${dir}`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`备份失败：${error instanceof Error ? error.message : String(error)}\n`);
    say('RESULT backup=failed');
    process.exit(2);
  },
);
