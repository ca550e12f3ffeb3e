import type { Readable } from 'node:stream';
import archiver, { type Archiver } from 'archiver';
import type { Logger } from 'pino';
import { storage } from '../../storage';
import type { DossierFile } from './contents';

/**
 * Zip times have no time zone: unzip tools show them as local time. The people who open these
 * files are in China, so entries carry China's wall-clock time whatever the server's zone.
 */
function chinaWallClock(date: Date): Date {
  return new Date(date.getTime() + (8 * 60 + date.getTimezoneOffset()) * 60_000);
}

/** The archive was closed before it was finished: the client went away. */
class ArchiveClosed extends Error {}

/** Resolves when the entry just appended has been written into the archive, rejects if the archive fails or closes first. */
function entryWritten(archive: Archiver): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      archive.off('entry', onEntry);
      archive.off('error', onError);
      archive.off('close', onClose);
    };
    const onEntry = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new ArchiveClosed());
    };
    archive.on('entry', onEntry);
    archive.on('error', onError);
    archive.on('close', onClose);
  });
}

/**
 * The zip as a stream: the summary, then each stored file read from storage one after the other,
 * the next opened only when the last is written, so however large the files, memory holds only
 * the streams' buffers, and a slow download slows the reading (backpressure) rather than piling
 * up. Files are stored uncompressed: photos, PDFs, workbooks and drawings are compressed already.
 * Names are UTF-8 (the zip's language-encoding flag), so Chinese names open as written.
 */
export function streamArchive(summary: { name: string; data: Buffer; date: Date }, files: readonly DossierFile[], log: Logger): Readable {
  const archive = archiver('zip', { zlib: { level: 6 } });
  let source: Readable | null = null;

  const produce = async () => {
    const written = entryWritten(archive);
    archive.append(summary.data, { name: summary.name, date: chinaWallClock(summary.date) });
    await written;
    for (const file of files) {
      source = await storage().get(file.storageKey);
      // The download may have been closed while storage was opening the file.
      if (archive.destroyed) {
        throw new ArchiveClosed();
      }
      const next = entryWritten(archive);
      archive.append(source, { name: file.path, date: chinaWallClock(file.createdAt), store: true });
      await next;
      source = null;
    }
    await archive.finalize();
  };
  produce().catch((error: unknown) => {
    (source as Readable | null)?.destroy();
    if (error instanceof ArchiveClosed) {
      log.info({ event: 'dossier.aborted' }, 'dossier download closed before it was complete');
      return;
    }
    log.error({ err: error }, 'dossier failed while streaming');
    archive.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return archive;
}
