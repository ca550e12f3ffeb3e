// Attachment files of local storage: copied one by one with the SHA-256 of each, so a restore can
// prove every byte came back (a tar would only prove the archive is whole).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface FileEntry {
  /** Relative to the data folder, with forward slashes: the storage key (`uploads/2026/01/….pdf`). */
  path: string;
  size: number;
  sha256: string;
}

/**
 * The folders of the data folder that local storage writes: attachments, and the utility's seal
 * and logo (单位信息). Everything else there (the SQLite file, temporary spools) is not kept here.
 */
export const STORED_FOLDERS = ['uploads', 'settings'] as const;

/** Every file local storage holds, as storage keys. */
export async function listStoredFiles(dataDir: string): Promise<string[]> {
  const found: string[] = [];
  for (const folder of STORED_FOLDERS) {
    found.push(...(await listFiles(dataDir, path.join(dataDir, folder))));
  }
  return found;
}

/** Every regular file under `dir`, as paths relative to `base` (none when `dir` does not exist). */
export async function listFiles(base: string, dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...(await listFiles(base, full)));
    } else if (entry.isFile() && !entry.name.endsWith('.partial')) {
      // `.partial`: a copy local storage had not finished; its upload has no row.
      found.push(path.relative(base, full).split(path.sep).join('/'));
    }
  }
  return found;
}

/** Copies `from` to `to` (through `to.partial`, renamed when complete); returns size and SHA-256 of what was written. */
export async function copyHashed(from: string, to: string): Promise<{ size: number; sha256: string }> {
  await mkdir(path.dirname(to), { recursive: true });
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  const partial = `${to}.partial`;
  await pipeline(createReadStream(from), tap, createWriteStream(partial, { flags: 'wx' }));
  await rename(partial, to);
  return { size, sha256: hash.digest('hex') };
}

/** The SHA-256 and size of a file as it is on disk now. */
export async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    size += bytes.length;
  }
  return { size, sha256: hash.digest('hex') };
}
