// manifest.json: what a backup holds, written last so that a backup without one is known to be
// unfinished. Restore checks the dump and every file against it, and the restored row counts.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const MANIFEST = 'manifest.json';
export const DUMP = 'database.sql.gz';
/** Attachment files are kept under this folder of the backup, at their storage keys. */
export const FILES = 'files';

const fileEntry = z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

export const manifestSchema = z.object({
  format: z.literal(1),
  createdAt: z.string(),
  app: z.object({ name: z.string(), version: z.string() }),
  database: z.object({
    dialect: z.literal('mysql'),
    name: z.string(),
    serverVersion: z.string(),
    dump: z.object({ file: z.string(), bytes: z.number().int(), sha256: z.string() }),
  }),
  /** The applied migrations, oldest first: the schema level the dump is at. */
  migrations: z.array(z.string()),
  /** Rows per table as counted in the dump. */
  tables: z.record(z.string(), z.number().int().nonnegative()),
  rows: z.number().int().nonnegative(),
  storage: z.object({
    driver: z.enum(['local', 'oss']),
    /** With OSS the files stay in the bucket: this says where and why they are not here. */
    note: z.string().optional(),
    files: z.array(fileEntry),
    fileCount: z.number().int().nonnegative(),
    fileBytes: z.number().int().nonnegative(),
  }),
});

export type Manifest = z.infer<typeof manifestSchema>;

export function writeManifest(dir: string, manifest: Manifest): void {
  const partial = path.join(dir, `${MANIFEST}.partial`);
  writeFileSync(partial, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(partial, path.join(dir, MANIFEST));
}

export function readManifest(dir: string): Manifest {
  let raw: string;
  try {
    raw = readFileSync(path.join(dir, MANIFEST), 'utf8');
  } catch {
    throw new Error(`${dir} 中没有 ${MANIFEST}：这不是一份完整的备份（备份未完成或目录不对）`);
  }
  const parsed = manifestSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    throw new Error(`${MANIFEST} 格式不对：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
  }
  return parsed.data;
}
