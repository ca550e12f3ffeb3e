import { neverSent } from '../wechat/client';
import { ChannelSendError } from '../workers/channels/errors';

/**
 * One call to qyapi.weixin.qq.com. Failures become `ChannelSendError`s with the meaning the outbox
 * worker acts on; the query string carries the access token or the robot key, so nothing here logs
 * the URL.
 */

/** 企业微信 answered with a non-zero `errcode`. */
export class WecomApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
  ) {
    super(`企业微信 ${path} → ${errcode} ${errmsg}`);
    this.name = 'WecomApiError';
  }
}

/** Token answers after which one fresh token is tried (全局错误码: 40014 invalid, 42001 expired; 40001 as the brief's platform notes list it). */
export const WECOM_TOKEN_ERRORS = new Set([40001, 40014, 42001]);

/** What WeCom's codes mean for a send. -1 busy and 45009 (over the frequency limit) are temporary. */
export function sendErrorOf(error: WecomApiError, hint: string): ChannelSendError {
  const text = `${hint}：${error.errcode} ${error.errmsg.split(', hint:')[0] ?? ''}`.slice(0, 400);
  if (error.errcode === 45009 || error.errcode === 45033) {
    return new ChannelSendError('limited', String(error.errcode), text);
  }
  if (error.errcode === -1) {
    return new ChannelSendError('not_sent', '-1', text);
  }
  return new ChannelSendError('refused', String(error.errcode), text);
}

export interface WecomCallOptions {
  query: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
}

/** GET (no body) or POST JSON; resolves the JSON reply when `errcode` is 0, else throws `WecomApiError`. */
export async function wecomCall<T>(base: string, path: string, options: WecomCallOptions): Promise<T> {
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  for (const [key, value] of Object.entries(options.query)) {
    url.searchParams.set(key, value);
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method: options.body === undefined ? 'GET' : 'POST',
      headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      redirect: 'error',
    });
  } catch (error) {
    const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    // Never connected: safe to try later. Connected and no answer: it may have been delivered.
    throw new ChannelSendError(neverSent(error) ? 'not_sent' : 'uncertain', null, `企业微信 ${path} 无法访问：${reason}`);
  }
  const text = await res.text().catch(() => '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ChannelSendError('uncertain', null, `企业微信 ${path} → HTTP ${res.status}，回复不是 JSON`);
  }
  const reply = data as { errcode?: unknown; errmsg?: unknown };
  if (typeof reply.errcode === 'number' && reply.errcode !== 0) {
    throw new WecomApiError(reply.errcode, typeof reply.errmsg === 'string' ? reply.errmsg : '', path);
  }
  if (!res.ok) {
    throw new ChannelSendError('uncertain', null, `企业微信 ${path} → HTTP ${res.status}`);
  }
  return data as T;
}
