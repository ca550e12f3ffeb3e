import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface PhotoEvidence {
  takenAt: Date | null;
  gpsLat: number | null;
  gpsLng: number | null;
}

const NONE: PhotoEvidence = { takenAt: null, gpsLat: null, gpsLng: null };

/** How long EXIF parsing may take before the photo is stored without it. */
const PARSE_TIMEOUT_MS = 3_000;

/** `2026:11:20 09:30:00` (camera local time, no zone) read as China time. */
function exifTime(value: unknown): Date | null {
  if (typeof value !== 'string') {
    return null;
  }
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value);
  if (!m) {
    return null;
  }
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

interface WorkerReply {
  time: unknown;
  latitude: number | null;
  longitude: number | null;
}

/**
 * When and where a photo was taken, from its EXIF data when present: the evidence of when work on
 * site happened. Parsed in a worker thread with a time limit (a crafted file once sent the parser
 * into an endless loop). Photos without EXIF give nulls.
 */
export function readPhotoEvidence(file: string): Promise<PhotoEvidence> {
  return new Promise((resolve) => {
    const worker = new Worker(path.join(__dirname, 'exifWorker.cjs'), { workerData: { path: file } });
    let done = false;
    const finish = (evidence: PhotoEvidence) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(evidence);
      }
    };
    const timer = setTimeout(() => finish(NONE), PARSE_TIMEOUT_MS);
    worker.once('message', (reply: WorkerReply | null) =>
      finish(reply ? { takenAt: exifTime(reply.time), gpsLat: reply.latitude, gpsLng: reply.longitude } : NONE),
    );
    worker.once('error', () => finish(NONE));
    worker.once('exit', () => finish(NONE));
  });
}
