import { networkFailure } from '@wc/shared/src/api/errors';
import { ApiError, newIdempotencyKey } from '../request';
import { photoSettings } from './photoSettings';
import { preparePhoto } from '@wc/shared/src/photos/resizePhoto';
import { sendFile, type Sending } from './sendFile';

/** Runs at most `size` tasks at once, in the order they were queued. */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}

/**
 * Three uploads at a time for the whole page: on a phone's uplink more gain nothing and make every
 * file's progress crawl; fewer leave the link idle between one file's end and the next one's start.
 */
const uploads = new Limiter(3);
/** One photo decoded and re-encoded at a time: a 12-megapixel photo takes ~48 MB while it is drawn. */
const preparing = new Limiter(1);

/** One file to upload; kept between tries so that a retry sends the same bytes under the same key. */
export interface UploadJob {
  path: string;
  fields: Record<string, string>;
  original: File;
  /** The file as sent (the shrunk photo), made once. */
  prepared: File | null;
  idempotencyKey: string;
}

export type UploadStage = 'waiting' | 'preparing' | 'uploading';

export interface UploadEvents {
  onStage(stage: UploadStage): void;
  onProgress(percent: number): void;
  /** The shrunk photo is ready: its size (before → after) is shown. */
  onPrepared(file: File): void;
}

/** A new upload of `file`: one idempotency key for all its tries. */
export function uploadJob(path: string, fields: Record<string, string>, file: File): UploadJob {
  return { path, fields, original: file, prepared: null, idempotencyKey: newIdempotencyKey() };
}

/**
 * Shrinks (photos) and uploads one file: waits for its turn and sends it under the job's
 * `Idempotency-Key`. A dropped connection rejects, and the page offers 重试, which calls this
 * again with the same job: the same bytes under the same key, so a file whose answer was lost is
 * answered from the server's record instead of being stored twice. There is no silent retry: on a
 * site without coverage the builder sees at once which photos did not go up.
 */
export function runUpload(job: UploadJob, events: UploadEvents): { promise: Promise<unknown>; cancel(): void } {
  let cancelled = false;
  let sending: Sending | null = null;
  const promise = (async () => {
    if (!job.prepared) {
      events.onStage('preparing');
      job.prepared = await preparing.run(async () => preparePhoto(job.original, await photoSettings()));
      events.onPrepared(job.prepared);
    }
    const file = job.prepared;
    events.onStage('waiting');
    return uploads.run(async () => {
      if (cancelled) {
        throw new ApiError(networkFailure('已取消上传'));
      }
      events.onStage('uploading');
      events.onProgress(0);
      sending = sendFile({ path: job.path, fields: job.fields, file, idempotencyKey: job.idempotencyKey, onProgress: events.onProgress });
      return sending.promise;
    });
  })();
  return {
    promise,
    cancel: () => {
      cancelled = true;
      sending?.abort();
    },
  };
}
