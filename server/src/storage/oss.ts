import OSS from 'ali-oss';
import type { Readable } from 'node:stream';
import type { ByteRange, StorageDriver, StoredObject } from './types';

export interface OssOptions {
  region: string;
  bucket: string;
  endpoint: string;
  cname: boolean;
  accessKeyId: string;
  accessKeySecret: string;
  /** Files above this size go up in parts (multipart upload). */
  multipartThreshold?: number;
  partSize?: number;
}

/**
 * Aliyun OSS through ali-oss. Large files use multipart upload; downloads go to the browser as
 * short-lived signed URLs, so file bytes do not pass through the API server.
 */
export class OssStorage implements StorageDriver {
  readonly name = 'oss' as const;
  private readonly client: OSS;
  private readonly multipartThreshold: number;
  private readonly partSize: number;

  constructor(options: OssOptions) {
    this.client = new OSS({
      region: options.region || undefined,
      bucket: options.bucket,
      endpoint: options.endpoint || undefined,
      cname: options.cname,
      accessKeyId: options.accessKeyId,
      accessKeySecret: options.accessKeySecret,
      secure: options.endpoint ? options.endpoint.startsWith('https:') : true,
      timeout: 600_000,
    });
    this.multipartThreshold = options.multipartThreshold ?? 16 * 1024 * 1024;
    this.partSize = options.partSize ?? 8 * 1024 * 1024;
  }

  async putFile(key: string, localPath: string, contentType: string, size: number): Promise<void> {
    const headers = { 'Content-Type': contentType };
    if (size > this.multipartThreshold) {
      await this.client.multipartUpload(key, localPath, { partSize: this.partSize, parallel: 2, headers, mime: contentType });
    } else {
      await this.client.put(key, localPath, { headers, mime: contentType });
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const result = await this.client.getStream(key, range ? { headers: { Range: `bytes=${range.start}-${range.end}` } } : {});
    return result.stream as Readable;
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.head(key);
      return true;
    } catch (error) {
      if ((error as { status?: number }).status === 404) {
        return false;
      }
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await this.client.delete(key);
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    let marker: string | undefined;
    do {
      const page = await this.client.list({ prefix, marker, 'max-keys': 1000 }, {});
      for (const object of page.objects ?? []) {
        yield { key: object.name, size: object.size, lastModified: new Date(object.lastModified) };
      }
      marker = page.isTruncated ? page.nextMarker : undefined;
    } while (marker);
  }

  signedUrl(key: string, options: { filename: string; contentType: string; expiresSeconds: number; inline: boolean }): string {
    const disposition = `${options.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(options.filename)}`;
    return this.client.signatureUrl(key, {
      expires: options.expiresSeconds,
      response: { 'content-disposition': disposition, 'content-type': options.contentType },
    });
  }
}
