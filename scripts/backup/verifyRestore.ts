// What a restore must prove before anyone relies on it: the hash chains of history and audit are
// whole (nothing edited, inserted or removed), every table has the rows the dump had, the schema
// is at the backup's migration level, and every attachment file is back with its bytes — both the
// SHA-256 the backup recorded and the one the attachment's row holds.
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { loadConfig } from '../../server/src/config';
import { verifyChains, type ChainProblem } from '../../server/src/commands/integrity';
import { createSequelize } from '../../server/src/db/sequelize';
import { createLogger } from '../../server/src/logger';
import { Attachment, initModels } from '../../server/src/models';
import { setServices } from '../../server/src/services';
import { hashFile } from './files';
import type { Manifest } from './manifest';

export interface Verification {
  chainChecked: number;
  chainProblems: ChainProblem[];
  tables: number;
  rows: number;
  /** One line per table whose count differs from the manifest's. */
  rowDifferences: string[];
  migrationsMatch: boolean;
  files: number;
  bytes: number;
  /** One line per file missing or different (from the manifest, or from its attachment row). */
  fileDifferences: string[];
}

async function hashOrNull(file: string): Promise<{ size: number; sha256: string } | null> {
  try {
    return await hashFile(file);
  } catch {
    return null;
  }
}

/** Checks the database at `databaseUrl` and the files under `dataDir` against the backup's manifest. */
export async function verifyRestore(manifest: Manifest, databaseUrl: string, dataDir: string): Promise<Verification> {
  // A placeholder secret: loadConfig would otherwise write a generated one into the restored folder.
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    JWT_SECRET: 'restore-verification-signs-nothing-000',
  });
  const logger = createLogger('warn');
  const sequelize = createSequelize(config);
  initModels(sequelize);
  setServices({ config, sequelize, logger });
  try {
    const { checked, problems } = await verifyChains();

    const names = await sequelize.query<{ name: string }>(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name',
      { type: QueryTypes.SELECT },
    );
    const counts = new Map<string, number>();
    for (const { name } of names) {
      const [row] = await sequelize.query<{ n: number }>(`SELECT COUNT(*) AS n FROM \`${name.replace(/`/g, '``')}\``, {
        type: QueryTypes.SELECT,
      });
      counts.set(name, Number(row?.n ?? 0));
    }
    const rowDifferences: string[] = [];
    for (const table of new Set([...Object.keys(manifest.tables), ...counts.keys()])) {
      const expected = manifest.tables[table];
      const actual = counts.get(table);
      if (expected !== actual) {
        rowDifferences.push(`${table}: 备份 ${expected ?? '无此表'}，恢复后 ${actual ?? '无此表'}`);
      }
    }

    const migrations = await sequelize.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name', {
      type: QueryTypes.SELECT,
    });
    const migrationsMatch = JSON.stringify(migrations.map((m) => m.name)) === JSON.stringify(manifest.migrations);

    const fileDifferences: string[] = [];
    let bytes = 0;
    for (const entry of manifest.storage.files) {
      const found = await hashOrNull(path.join(dataDir, entry.path));
      if (!found) {
        fileDifferences.push(`${entry.path}: 缺失`);
      } else if (found.sha256 !== entry.sha256 || found.size !== entry.size) {
        fileDifferences.push(`${entry.path}: 内容与备份清单不符（SHA-256 ${found.sha256}）`);
      } else {
        bytes += found.size;
      }
    }
    if (manifest.storage.driver === 'local') {
      // Every attachment row's file, by the hash taken when it was uploaded.
      for (const row of await Attachment.findAll({ where: { storageDriver: 'local' }, attributes: ['id', 'storageKey', 'sha256'] })) {
        const found = await hashOrNull(path.join(dataDir, row.storageKey));
        if (!found || found.sha256 !== row.sha256) {
          fileDifferences.push(`附件 id=${row.id} ${row.storageKey}: ${found ? '内容与上传时的 SHA-256 不符' : '文件缺失'}`);
        }
      }
    }
    return {
      chainChecked: checked,
      chainProblems: problems,
      tables: counts.size,
      rows: [...counts.values()].reduce((sum, n) => sum + n, 0),
      rowDifferences,
      migrationsMatch,
      files: manifest.storage.files.length,
      bytes,
      fileDifferences,
    };
  } finally {
    await sequelize.close();
  }
}
