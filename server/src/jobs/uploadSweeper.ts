import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { Op } from 'sequelize';
import { Attachment } from '../models';
import { services } from '../services';
import { spoolDir, storage } from '../storage';

/** Uploads younger than this may still be on their way from spool to row; the sweeper leaves them. */
const GRACE_MS = 60 * 60 * 1000;

export interface SweepResult {
  partials: number;
  orphans: number;
}

/**
 * Removes what interrupted uploads left behind: spooled partial files, and stored objects that no
 * attachment row names (a crash between writing the object and writing its row). Never a row: rows
 * only exist for objects that were fully written.
 */
export async function sweepUploads(olderThanMs = GRACE_MS, now = Date.now()): Promise<SweepResult> {
  let partials = 0;
  const dir = spoolDir(services().config);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs > olderThanMs) {
      await rm(file, { force: true });
      partials += 1;
    }
  }

  let orphans = 0;
  const driver = storage();
  let batch: { key: string; lastModified: Date }[] = [];
  const flush = async () => {
    const keys = batch.map((o) => o.key.replace(/\.partial$/, ''));
    const known = new Set(
      (await Attachment.findAll({ attributes: ['storageKey'], where: { storageKey: { [Op.in]: keys } } })).map((a) => a.storageKey),
    );
    for (const object of batch) {
      if ((object.key.endsWith('.partial') || !known.has(object.key)) && now - object.lastModified.getTime() > olderThanMs) {
        await driver.remove(object.key);
        orphans += 1;
      }
    }
    batch = [];
  };
  for await (const object of driver.list('uploads/')) {
    batch.push(object);
    if (batch.length >= 500) {
      await flush();
    }
  }
  await flush();
  return { partials, orphans };
}

/** Sweeps at start and then hourly, inside the API process (the embedded default). */
export function startUploadSweeper(logger: Logger, everyMs = GRACE_MS): () => void {
  const run = () => {
    sweepUploads().then(
      (result) => {
        if (result.partials || result.orphans) {
          logger.info(result, 'upload sweep');
        }
      },
      (error: unknown) => logger.warn({ err: error }, 'upload sweep failed'),
    );
  };
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
