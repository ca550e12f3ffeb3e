import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface SpooledFile {
  path: string;
  size: number;
  sha256: string;
}

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`file larger than ${limit} bytes`);
  }
}

export interface SpoolOptions {
  /** Bytes allowed at most; one more stops the upload. */
  limit: number;
  /** Looks at the first `headBytes` (or the whole file if shorter) and throws to refuse it. */
  inspect?: (head: Buffer) => Promise<void>;
  headBytes?: number;
}

/**
 * Streams an incoming file to a temporary file, computing its SHA-256 and size on the way. It stops
 * the moment the file passes its limit, and — when `inspect` refuses the first bytes — before the
 * rest is read; either way the partial file is removed. Memory use does not depend on the file's size.
 */
export async function spool(source: Readable, dir: string, options: SpoolOptions): Promise<SpooledFile> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${Date.now()}-${randomUUID()}.part`);
  const hash = createHash('sha256');
  const headBytes = options.headBytes ?? 64 * 1024;
  let size = 0;
  let head: Buffer[] | null = options.inspect ? [] : null;
  let headSize = 0;

  const inspectHead = async (): Promise<Buffer[]> => {
    const held = head ?? [];
    head = null;
    await options.inspect?.(Buffer.concat(held));
    return held;
  };

  // Passes a hashed chunk on; the first bytes are held back until they have been inspected.
  const pass = (chunk: Buffer, callback: (error?: Error | null, data?: Buffer) => void) => {
    if (head === null) {
      callback(null, chunk);
      return;
    }
    head.push(chunk);
    headSize += chunk.length;
    if (headSize < headBytes) {
      callback();
      return;
    }
    inspectHead().then(
      (held) => {
        for (const part of held) {
          meter.push(part);
        }
        callback();
      },
      (error: unknown) => callback(error as Error),
    );
  };

  const meter: Transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > options.limit) {
        callback(new FileTooLargeError(options.limit));
        return;
      }
      // Hashed in this thread: measured faster than a worker thread on two cores (bench:upload).
      hash.update(chunk);
      pass(chunk, callback);
    },
    flush(callback) {
      if (head === null) {
        callback();
        return;
      }
      inspectHead().then(
        (held) => {
          for (const part of held) {
            this.push(part);
          }
          callback();
        },
        (error: unknown) => callback(error as Error),
      );
    },
  });
  const sink = createWriteStream(file, { flags: 'wx', highWaterMark: 1024 * 1024 });
  try {
    await pipeline(source, meter, sink);
  } catch (error) {
    // A file refused at once (its first bytes, a small file's end) can fail the pipeline before
    // the sink has even opened its file: removed then, the file would be created a moment later
    // and stay behind. The sink is closed first, then whatever it created is removed.
    if (!sink.closed) {
      await new Promise<void>((resolve) => sink.once('close', () => resolve()));
    }
    await rm(file, { force: true });
    throw error;
  }
  return { path: file, size, sha256: hash.digest('hex') };
}
