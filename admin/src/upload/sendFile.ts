import { failureFromReply, networkFailure } from '@wc/shared/src/api/errors';
import { ApiError, API_BASE, authHeader } from '../request';

export interface SendFile {
  path: string;
  /** Sent before the file: the server authorizes the upload from them before reading it. */
  fields: Record<string, string>;
  file: File;
  /** The same for every try of one upload: the server stores it once and replays its reply. */
  idempotencyKey: string;
  onProgress: (percent: number) => void;
}

export interface Sending {
  promise: Promise<unknown>;
  abort(): void;
}

/**
 * One try of a multipart upload with its `Idempotency-Key` (XMLHttpRequest: fetch cannot report
 * upload progress). A dropped connection rejects with NETWORK_ERROR, which the queue may send again.
 */
export function sendFile({ path, fields, file, idempotencyKey, onProgress }: SendFile): Sending {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<unknown>((resolve, reject) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) {
      form.append(key, value);
    }
    form.append('file', file, file.name);
    xhr.open('POST', `${API_BASE}${path}`);
    for (const [key, value] of Object.entries(authHeader())) {
      xhr.setRequestHeader(key, value);
    }
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress(Math.min(99, Math.round((event.loaded / event.total) * 100)));
      }
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve((body as { data?: unknown } | null)?.data ?? null);
        return;
      }
      reject(new ApiError(failureFromReply(xhr.status, body, xhr.getResponseHeader('Retry-After'))));
    };
    xhr.onerror = () => reject(new ApiError(networkFailure('上传中断，请检查网络后重试')));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => reject(new ApiError(networkFailure('已取消上传')));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
