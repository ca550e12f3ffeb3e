import { movedOnMessage } from '@wc/shared/src/workflow/offline';
import type { QueueEntry, Refusal } from './types';

/**
 * Sending the 待上传 queue: a pure function over a `fetch`-like sender and a store, so that the
 * staff page (IndexedDB + fetch with the login token) and a Node script (an array + fetch with a
 * token from /api/auth) replay an entry the same way.
 */

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Under /api, e.g. `/applications/12/actions/completion_photos`. */
  path: string;
  idempotencyKey?: string;
  json?: unknown;
  form?: FormData;
}

export interface HttpReply {
  status: number;
  body: unknown;
}

/** Sends one request; rejects only when no answer came (offline, connection broken). */
export type Send = (request: HttpRequest) => Promise<HttpReply>;

/**
 * A sender over `fetch` (the browser's, or Node's): `apiBase` is `/api` on the page or
 * `http://host:port/api` in a script; `headers()` gives the login (`Authorization: Bearer …`).
 */
export function fetchSend(apiBase: string, headers: () => Record<string, string>): Send {
  return async (request) => {
    const sent: Record<string, string> = { Accept: 'application/json', ...headers() };
    if (request.idempotencyKey) {
      sent['Idempotency-Key'] = request.idempotencyKey;
    }
    let body: FormData | string | undefined;
    if (request.form) {
      body = request.form;
    } else if (request.json !== undefined) {
      sent['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    const response = await fetch(`${apiBase}${request.path}`, { method: request.method, headers: sent, body });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: response.status, body: parsed };
  };
}

export interface QueueStore {
  /** Every entry, oldest first. */
  list(): Promise<QueueEntry[]>;
  put(entry: QueueEntry): Promise<void>;
  remove(id: number): Promise<void>;
}

/** Why a run stopped before the end of the queue (the entries stay waiting). */
export type Stop = 'network' | 'unauthorized' | 'unavailable';

export interface ReplayResult {
  sent: QueueEntry[];
  refused: QueueEntry[];
  stopped: Stop | null;
}

export interface ReplayHooks {
  /** An entry changed (sending, refused, file stored): the list re-renders. */
  onChange?(): void;
  /** An entry was taken by the server: its application has changed. */
  onSent?(entry: QueueEntry, application: AppSnapshot): void;
  /** An entry was refused: its application is not what the person saw (the page shows it anew). */
  onRefused?(entry: QueueEntry): void;
}

/** What the replay reads of an application (GET /api/applications/:id and an action's reply). */
export interface AppSnapshot {
  id: number;
  version: number;
  state: string;
  stateLabel: string;
  availableActions?: { key: string }[];
}

interface HistoryLine {
  actionLabel: string;
  actor: { name: string | null };
}

class Stopped extends Error {
  constructor(readonly reason: Stop) {
    super(reason);
  }
}

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

const ok = (status: number) => status >= 200 && status < 300;

function errorOf(reply: HttpReply): { code: string; message: string } {
  const error = (reply.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return {
    code: typeof error?.code === 'string' ? error.code : 'HTTP_' + String(reply.status),
    message: typeof error?.message === 'string' && error.message ? error.message : `服务器拒绝了该操作（${reply.status}）`,
  };
}

/** No answer → wait for the connection; 401 → wait for a login; 5xx/429 → try later; other 4xx → refused. */
async function call(send: Send, request: HttpRequest): Promise<HttpReply> {
  let reply: HttpReply;
  try {
    reply = await send(request);
  } catch {
    throw new Stopped('network');
  }
  if (ok(reply.status)) {
    return reply;
  }
  if (reply.status === 401) {
    throw new Stopped('unauthorized');
  }
  if (reply.status >= 500 || reply.status === 429 || reply.status === 408) {
    throw new Stopped('unavailable');
  }
  throw new Refused({ status: reply.status, ...errorOf(reply) });
}

const dataOf = <T>(reply: HttpReply): T => (reply.body as { data: T }).data;

/** The refusal as the person should read it: where the application went, or who acted meanwhile. */
async function explain(send: Send, entry: QueueEntry, refusal: Refusal, app: AppSnapshot | null): Promise<Refusal> {
  if (app && app.state !== entry.seenState) {
    return { ...refusal, message: movedOnMessage(app.stateLabel, entry.actionLabel) };
  }
  if (refusal.code === 'STATE_CONFLICT' && app) {
    try {
      const lines = dataOf<HistoryLine[]>(await call(send, { method: 'GET', path: `/applications/${entry.applicationId}/history` }));
      const last = lines[lines.length - 1];
      if (last) {
        return {
          ...refusal,
          message: `您离线期间该申请已有变化（${last.actor.name ?? '其他人员'}办理了「${last.actionLabel}」），「${entry.actionLabel}」未提交；核对后可点「重试」按最新状态提交`,
        };
      }
    } catch {
      // The server's own message stays.
    }
  }
  return refusal;
}

/**
 * One entry: looks at the application first; when it is still as the person saw it (same version,
 * the action still offered) each file goes up under its own stored key, then the action under its
 * key. When it moved on, no file is sent (the photos stay on the phone) and only the action is
 * sent: a try whose answer was lost earlier is answered from the server's record (2xx), anything
 * else is refused by the server, and the refusal is told in words.
 */
async function replayEntry(send: Send, store: QueueStore, entry: QueueEntry, hooks: ReplayHooks): Promise<AppSnapshot> {
  const base = `/applications/${entry.applicationId}`;
  let app: AppSnapshot | null = null;
  try {
    app = dataOf<AppSnapshot>(await call(send, { method: 'GET', path: base }));
    const version = entry.expectedVersion ?? app.version;
    const fresh = app.version === version && (app.availableActions ?? []).some((a) => a.key === entry.actionKey);
    if (fresh) {
      for (const file of entry.files) {
        if (file.attachmentId !== null) {
          continue;
        }
        const form = new FormData();
        // Fields before the file: the server authorizes the upload before reading it.
        form.append('category', file.category);
        form.append('displayName', file.displayName);
        form.append('file', file.blob, file.fileName);
        const stored = dataOf<{ id: number }>(
          await call(send, { method: 'POST', path: `${base}/attachments`, idempotencyKey: file.idempotencyKey, form }),
        );
        file.attachmentId = stored.id;
        await store.put(entry);
        hooks.onChange?.();
      }
    }
    const reply = await call(send, {
      method: 'POST',
      path: `${base}/actions/${entry.actionKey}`,
      idempotencyKey: entry.idempotencyKey,
      json: { ...entry.body, version },
    });
    return dataOf<AppSnapshot>(reply);
  } catch (error) {
    if (error instanceof Refused) {
      throw new Refused(await explain(send, entry, error.refusal, app));
    }
    throw error;
  }
}

/**
 * Sends the queue strictly in the order it was recorded, one entry at a time. A taken entry is
 * removed; a refused one is kept with its refusal and its photos, and later entries of the SAME
 * application wait behind it (they were recorded on the view the refused one was made on), while
 * other applications go on. No answer, a lost login or a server away stops the run: the entries
 * stay waiting for the next try.
 */
export async function replayQueue(store: QueueStore, send: Send, hooks: ReplayHooks = {}): Promise<ReplayResult> {
  const result: ReplayResult = { sent: [], refused: [], stopped: null };
  const blocked = new Set<number>();
  const entries = await store.list();
  for (const entry of entries) {
    if (entry.status === 'refused') {
      blocked.add(entry.applicationId);
      continue;
    }
    if (blocked.has(entry.applicationId) || entry.id === undefined) {
      continue;
    }
    entry.status = 'sending';
    await store.put(entry);
    hooks.onChange?.();
    try {
      const sentVersion = entry.expectedVersion;
      const app = await replayEntry(send, store, entry, hooks);
      await store.remove(entry.id);
      result.sent.push(entry);
      // The person's later entries on this application were recorded after this one: they follow it.
      for (const later of entries) {
        if (
          later !== entry &&
          later.applicationId === entry.applicationId &&
          later.status === 'waiting' &&
          later.expectedVersion === sentVersion
        ) {
          later.expectedVersion = sentVersion === null ? null : app.version;
          await store.put(later);
        }
      }
      hooks.onSent?.(entry, app);
    } catch (error) {
      if (error instanceof Refused) {
        entry.status = 'refused';
        entry.refusal = error.refusal;
        await store.put(entry);
        result.refused.push(entry);
        blocked.add(entry.applicationId);
        hooks.onChange?.();
        hooks.onRefused?.(entry);
        continue;
      }
      entry.status = 'waiting';
      await store.put(entry);
      hooks.onChange?.();
      if (error instanceof Stopped) {
        result.stopped = error.reason;
        return result;
      }
      throw error;
    }
  }
  return result;
}
