// `npm run restore -- --from <backup> --database-url mysql://…/<empty db> --data-dir <empty dir>`:
// loads a backup made by `npm run backup` into an EMPTY database and data folder (it never
// overwrites: restoring over live data by mistake is the accident to prevent), copies the
// attachment files back, then proves the result (scripts/backup/verifyRestore.ts): hash chains,
// rows per table, migration level, every file's SHA-256.
// `--verify-only` skips the loading and checks an already restored database and folder again.
// The last line is `RESULT restore_verified=ok|failed …`. Exit code: 0 verified, 1 a difference,
// 2 refused or failed.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import { createConnection } from 'mysql2/promise';
import { copyHashed, hashFile, listStoredFiles } from './backup/files';
import { FILES, readManifest, type Manifest } from './backup/manifest';
import { clientProgram, maskUrl, parseDatabaseUrl, runClient, withOptionFile, type MariaDbTarget } from './backup/mariadbClient';
import { verifyRestore, type Verification } from './backup/verifyRestore';

const say = (line: string) => process.stdout.write(`${line}\n`);

class Refusal extends Error {}

/** Creates the database when it does not exist yet; refuses one that has any table. */
async function ensureEmptyDatabase(target: MariaDbTarget): Promise<void> {
  const connection = await createConnection({ host: target.host, port: target.port, user: target.user, password: target.password });
  try {
    const name = target.database.replace(/`/g, '``');
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const [rows] = await connection.query('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ?', [target.database]);
    const tables = Number((rows as { n: number }[])[0]?.n ?? 0);
    if (tables > 0) {
      throw new Refusal(
        `目标数据库 ${target.database} 不是空的（已有 ${tables} 张表）。恢复只写入空数据库，以免覆盖现有数据；` +
          `请新建一个空库：CREATE DATABASE 新库名 CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`,
      );
    }
  } finally {
    await connection.end();
  }
}

async function ensureEmptyDataDir(dataDir: string): Promise<void> {
  const existing = await listStoredFiles(dataDir);
  if (existing.length > 0) {
    throw new Refusal(
      `数据目录 ${dataDir} 里已有 ${existing.length} 个已存文件（uploads/、settings/）。恢复只写入空的数据目录，请换一个新目录。`,
    );
  }
}

async function loadDump(from: string, manifest: Manifest, target: MariaDbTarget): Promise<void> {
  const program = clientProgram(['mariadb', 'mysql']);
  await withOptionFile(target, (optionFile) =>
    runClient(program, optionFile, [target.database], {
      input: (stdin) => pipeline(createReadStream(path.join(from, manifest.database.dump.file)), createGunzip(), stdin),
    }),
  );
}

/** Copies the backed-up files into the data folder; returns the ones that differ from the manifest. */
async function copyFilesBack(from: string, manifest: Manifest, dataDir: string): Promise<string[]> {
  const differences: string[] = [];
  for (const entry of manifest.storage.files) {
    try {
      const copied = await copyHashed(path.join(from, FILES, entry.path), path.join(dataDir, entry.path));
      if (copied.sha256 !== entry.sha256 || copied.size !== entry.size) {
        differences.push(`${entry.path}: 备份中的文件与清单不符（SHA-256 ${copied.sha256}）`);
      }
    } catch (error) {
      differences.push(`${entry.path}: 无法复制（${error instanceof Error ? error.message : String(error)}）`);
    }
  }
  return differences;
}

function report(verification: Verification, copyDifferences: string[]): number {
  for (const p of verification.chainProblems) {
    say(`  哈希链断裂：${p.table} id=${p.id}${p.applicationId ? ` 申请 ${p.applicationId}` : ''}（${p.problem}）`);
  }
  for (const line of verification.rowDifferences) {
    say(`  行数不符：${line}`);
  }
  if (!verification.migrationsMatch) {
    say('  数据库结构版本（schema_migrations）与备份清单不符');
  }
  for (const line of [...copyDifferences, ...verification.fileDifferences]) {
    say(`  附件不符：${line}`);
  }
  const rowsMatch = verification.rowDifferences.length === 0 && verification.migrationsMatch;
  const filesMatch = copyDifferences.length === 0 && verification.fileDifferences.length === 0;
  const ok = rowsMatch && filesMatch && verification.chainProblems.length === 0;
  say(
    ok
      ? `校验通过：${verification.tables} 张表 ${verification.rows} 行与备份一致，哈希链 ${verification.chainChecked} 行完好，附件 ${verification.files} 个逐一核对 SHA-256 一致。`
      : '校验未通过：见上面各行。请勿使用这份恢复的数据，先查明原因。',
  );
  say(
    `RESULT restore_verified=${ok ? 'ok' : 'failed'} tables=${verification.tables} rows=${verification.rows} rows_match=${rowsMatch ? 'yes' : 'no'} ` +
      `files=${verification.files} bytes=${verification.bytes} files_match=${filesMatch ? 'yes' : 'no'} ` +
      `chain_checked=${verification.chainChecked} chain_problems=${verification.chainProblems.length}`,
  );
  return ok ? 0 : 1;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      'verify-only': { type: 'boolean', default: false },
    },
  });
  const from = values.from;
  const databaseUrl = values['database-url'];
  const dataDirArg = values['data-dir'];
  if (!from || !databaseUrl || !dataDirArg) {
    say('用法: npm run restore -- --from <备份目录> --database-url mysql://用户:密码@主机:3306/<空库> --data-dir <空目录> [--verify-only]');
    return 2;
  }
  if (!databaseUrl.startsWith('mysql:') && !databaseUrl.startsWith('mariadb:')) {
    throw new Refusal('恢复只支持 MariaDB/MySQL（--database-url mysql://…）');
  }
  const dataDir = path.resolve(dataDirArg);
  const manifest = readManifest(path.resolve(from));
  const target = parseDatabaseUrl(databaseUrl);
  say(`备份：${manifest.createdAt}，${manifest.app.name} ${manifest.app.version}，迁移 ${manifest.migrations.at(-1) ?? '无'}`);
  if (manifest.storage.note) {
    say(`  ${manifest.storage.note}`);
  }

  let copyDifferences: string[] = [];
  if (!values['verify-only']) {
    const dump = await hashFile(path.join(from, manifest.database.dump.file));
    if (dump.sha256 !== manifest.database.dump.sha256) {
      throw new Refusal(`数据库备份文件 ${manifest.database.dump.file} 已损坏或被改动（SHA-256 与清单不符），未做任何恢复`);
    }
    await ensureEmptyDatabase(target);
    await ensureEmptyDataDir(dataDir);
    say(`载入数据库 → ${maskUrl(databaseUrl)}`);
    await loadDump(from, manifest, target);
    say(`复制附件 ${manifest.storage.fileCount} 个 → ${dataDir}`);
    copyDifferences = await copyFilesBack(path.resolve(from), manifest, dataDir);
  }
  say('校验：哈希链（npm run audit:verify 同一检查）、各表行数、附件 SHA-256');
  return report(await verifyRestore(manifest, databaseUrl, dataDir), copyDifferences);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const refused = error instanceof Refusal;
    process.stderr.write(`${refused ? '拒绝恢复' : '恢复失败'}：${error instanceof Error ? error.message : String(error)}\n`);
    say(`RESULT restore_verified=failed reason=${refused ? 'refused' : 'error'}`);
    process.exit(2);
  },
);
