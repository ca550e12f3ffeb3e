import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { fieldError } from '../../errors';
import { FileTooLargeError, spool, type SpooledFile } from './spool';

export interface UploadPlan {
  /** Where to spool and how many bytes at most. */
  dir: string;
  limit: number;
  /** Refuses the file from its first bytes (wrong type) before the rest is read. */
  inspect: (head: Buffer) => Promise<void>;
  /** Thrown when the limit is passed. */
  tooLarge: () => Error;
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  fileName: string;
  spooled: SpooledFile;
}

/**
 * Reads a `multipart/form-data` upload: the fields first (category, displayName), then exactly one
 * file. When the file part begins, `plan` validates the fields and authorizes the upload, so nothing
 * is written for a refused request; the file itself is streamed to disk by `spool`.
 */
export function receiveUpload(
  req: IncomingMessage,
  plan: (fields: Record<string, string>) => Promise<UploadPlan>,
): Promise<ReceivedUpload> {
  return new Promise<ReceivedUpload>((resolve, reject) => {
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('multipart/form-data')) {
      reject(fieldError('file', '请以 multipart/form-data 方式上传文件'));
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 10, fieldSize: 8 * 1024, parts: 12 },
        defParamCharset: 'utf8',
        // Larger buffers: fewer, bigger chunks through parser, hash and disk for big drawings.
        highWaterMark: 1024 * 1024,
        fileHwm: 1024 * 1024,
      });
    } catch {
      reject(fieldError('file', '上传内容格式不正确'));
      return;
    }
    const fields: Record<string, string> = {};
    let settled = false;
    let sawFile = false;
    const fail = (error: unknown) => {
      if (!settled) {
        settled = true;
        req.unpipe(parser);
        reject(error);
      }
    };
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream, info) => {
      if (sawFile) {
        stream.resume();
        return;
      }
      sawFile = true;
      plan(fields)
        .then((p) =>
          spool(stream, p.dir, {
            limit: p.limit,
            inspect: p.inspect,
          }).then(
            (spooled) => {
              if (!settled) {
                settled = true;
                resolve({ fields, fileName: info.filename ?? '', spooled });
              }
            },
            (error: unknown) => fail(error instanceof FileTooLargeError ? p.tooLarge() : error),
          ),
        )
        .catch((error: unknown) => {
          stream.resume();
          fail(error);
        });
    });
    // Malformed parts, including file names with control characters that break the part header.
    parser.on('error', () => fail(fieldError('file', '上传内容格式不正确，请检查文件名是否含有特殊字符后重试')));
    parser.on('close', () => {
      if (!sawFile) {
        fail(fieldError('file', '请选择要上传的文件'));
      }
    });
    req.on('aborted', () => fail(fieldError('file', '上传已中断')));
    req.pipe(parser);
  });
}
