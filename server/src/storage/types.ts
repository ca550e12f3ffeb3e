import type { Readable } from 'node:stream';

export interface StoredObject {
  key: string;
  size: number;
  lastModified: Date;
}

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * Where attachment files live. Uploads are first spooled to a local temporary file (streamed, hashed
 * and size-checked on the way), then handed to the driver under a generated key.
 */
export interface StorageDriver {
  readonly name: 'local' | 'oss';
  /** Stores the file at `localPath` under `key`; the temporary file may be moved or removed. */
  putFile(key: string, localPath: string, contentType: string, size: number): Promise<void>;
  /** A stream of the object's bytes (or of a range of them). */
  get(key: string, range?: ByteRange): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
  /** Every object under `prefix` (for the orphan sweeper). */
  list(prefix: string): AsyncIterable<StoredObject>;
  /** A short-lived URL the browser can download from directly, or null when the driver serves through us. */
  signedUrl(key: string, options: { filename: string; contentType: string; expiresSeconds: number; inline: boolean }): string | null;
}
