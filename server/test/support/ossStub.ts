import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** Query parameters that OSS signs as sub-resources (V1 signature). */
const SUBRESOURCES = new Set([
  'acl',
  'uploads',
  'uploadId',
  'partNumber',
  'delete',
  'tagging',
  'versionId',
  'security-token',
  'x-oss-process',
  'response-content-type',
  'response-content-disposition',
  'response-cache-control',
  'response-expires',
  'response-content-language',
  'response-content-encoding',
]);

export interface RecordedRequest {
  method: string;
  key: string;
  query: Record<string, string>;
  contentType: string;
  /** How the request proved itself: an Authorization header, a signed URL, or nothing valid. */
  auth: 'header' | 'url' | 'invalid';
  bytes: number;
}

interface StoredObject {
  body: Buffer;
  contentType: string;
  lastModified: Date;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A small Aliyun OSS on loopback: enough of the object API (put, multipart, get with ranges, head,
 * delete, list) for our driver, with every request's V1 signature recomputed from the secret and
 * checked — header signatures and signed URLs alike. Bad signatures get 403 like the real service.
 */
export class OssStub {
  readonly objects = new Map<string, StoredObject>();
  readonly requests: RecordedRequest[] = [];
  private readonly uploads = new Map<string, { key: string; parts: Map<number, Buffer> }>();
  private server?: Server;
  port = 0;

  constructor(
    readonly bucket: string,
    readonly accessKeyId: string,
    private readonly secret: string,
  ) {}

  private resource(key: string, query: Record<string, string>): string {
    const sub = Object.keys(query)
      .filter((k) => SUBRESOURCES.has(k))
      .sort()
      .map((k) => (query[k] === '' ? k : `${k}=${query[k]}`));
    return `/${this.bucket}/${key}${sub.length ? `?${sub.join('&')}` : ''}`;
  }

  private sign(text: string): string {
    return createHmac('sha1', this.secret).update(text, 'utf8').digest('base64');
  }

  private check(req: IncomingMessage, key: string, query: Record<string, string>): RecordedRequest['auth'] {
    const header = req.headers.authorization;
    if (header) {
      const ossHeaders = Object.keys(req.headers)
        .filter((h) => h.startsWith('x-oss-'))
        .sort()
        .map((h) => `${h}:${String(req.headers[h]).trim()}`);
      const date = (req.headers['x-oss-date'] as string | undefined) ?? req.headers.date ?? '';
      const text = [
        req.method ?? '',
        req.headers['content-md5'] ?? '',
        req.headers['content-type'] ?? '',
        date,
        ...ossHeaders,
        this.resource(key, query),
      ].join('\n');
      return header === `OSS ${this.accessKeyId}:${this.sign(text)}` ? 'header' : 'invalid';
    }
    if (query.Signature && query.Expires && query.OSSAccessKeyId === this.accessKeyId) {
      if (Number(query.Expires) * 1000 < Date.now()) {
        return 'invalid';
      }
      const text = [req.method ?? '', '', '', query.Expires, this.resource(key, query)].join('\n');
      return query.Signature === this.sign(text) ? 'url' : 'invalid';
    }
    return 'invalid';
  }

  async start(): Promise<number> {
    this.server = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://stub');
        const key = decodeURIComponent(url.pathname.slice(1));
        const query = Object.fromEntries(url.searchParams.entries());
        const body = await readBody(req);
        const auth = this.check(req, key, query);
        this.requests.push({
          method: req.method ?? '',
          key,
          query,
          contentType: String(req.headers['content-type'] ?? ''),
          auth,
          bytes: body.length,
        });
        if (auth === 'invalid') {
          res.writeHead(403, { 'content-type': 'application/xml' });
          res.end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
          return;
        }
        this.handle(req.method ?? '', key, query, body, String(req.headers['content-type'] ?? ''), req.headers.range, res);
      })();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return this.port;
  }

  private handle(
    method: string,
    key: string,
    query: Record<string, string>,
    body: Buffer,
    contentType: string,
    range: string | undefined,
    res: ServerResponse,
  ): void {
    const ok = (status: number, headers: Record<string, string>, content: string | Buffer = '') => {
      res.writeHead(status, { 'x-oss-request-id': randomUUID(), ...headers });
      res.end(content);
    };
    if (method === 'GET' && key === '') {
      const prefix = query.prefix ?? '';
      const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
      const items = keys
        .map((k) => {
          const o = this.objects.get(k);
          return `<Contents><Key>${xml(k)}</Key><LastModified>${o?.lastModified.toISOString()}</LastModified><ETag>"x"</ETag><Type>Normal</Type><Size>${o?.body.length}</Size><StorageClass>Standard</StorageClass><Owner><ID>1</ID><DisplayName>1</DisplayName></Owner></Contents>`;
        })
        .join('');
      ok(
        200,
        { 'content-type': 'application/xml' },
        `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${this.bucket}</Name><Prefix>${xml(prefix)}</Prefix><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${items}</ListBucketResult>`,
      );
      return;
    }
    if (method === 'POST' && 'uploads' in query) {
      const uploadId = randomUUID().replace(/-/g, '');
      this.uploads.set(uploadId, { key, parts: new Map() });
      ok(
        200,
        { 'content-type': 'application/xml' },
        `<?xml version="1.0" encoding="UTF-8"?><InitiateMultipartUploadResult><Bucket>${this.bucket}</Bucket><Key>${xml(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
      );
      return;
    }
    if (method === 'PUT' && query.uploadId && query.partNumber) {
      this.uploads.get(query.uploadId)?.parts.set(Number(query.partNumber), body);
      ok(200, { etag: `"part${query.partNumber}"` });
      return;
    }
    if (method === 'POST' && query.uploadId) {
      const upload = this.uploads.get(query.uploadId);
      if (!upload) {
        ok(404, {});
        return;
      }
      const numbers = [...body.toString('utf8').matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]));
      this.objects.set(key, {
        body: Buffer.concat(numbers.map((n) => upload.parts.get(n) ?? Buffer.alloc(0))),
        contentType: 'application/octet-stream',
        lastModified: new Date(),
      });
      this.uploads.delete(query.uploadId);
      ok(
        200,
        { 'content-type': 'application/xml' },
        `<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUploadResult><Bucket>${this.bucket}</Bucket><Key>${xml(key)}</Key><ETag>"done"</ETag></CompleteMultipartUploadResult>`,
      );
      return;
    }
    if (method === 'PUT') {
      this.objects.set(key, { body, contentType, lastModified: new Date() });
      ok(200, { etag: '"put"' });
      return;
    }
    const object = this.objects.get(key);
    if (!object) {
      ok(404, { 'content-type': 'application/xml' }, '<Error><Code>NoSuchKey</Code></Error>');
      return;
    }
    if (method === 'DELETE') {
      this.objects.delete(key);
      ok(204, {});
      return;
    }
    if (method === 'HEAD') {
      ok(200, { 'content-length': String(object.body.length), 'content-type': object.contentType });
      return;
    }
    const headers: Record<string, string> = { 'content-type': query['response-content-type'] ?? object.contentType };
    if (query['response-content-disposition']) {
      headers['content-disposition'] = query['response-content-disposition'];
    }
    const match = range ? /^bytes=(\d+)-(\d+)$/.exec(range) : null;
    if (match) {
      const start = Number(match[1]);
      const end = Math.min(Number(match[2]), object.body.length - 1);
      ok(206, { ...headers, 'content-range': `bytes ${start}-${end}/${object.body.length}` }, object.body.subarray(start, end + 1));
      return;
    }
    ok(200, headers, object.body);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
