import type { DuplicateApplicationView } from '@wc/shared';
import type { PageData } from '../hooks/useRequest';
import { newIdempotencyKey, request } from '../request';
import type { Application, ApplicationDetail, HistoryEntry } from '../types';

/** Calls about one application that several pages make (list, worklist, detail, print). */

/** GET /api/applications/:id — the application with step map, contract, dispatch sheet and payment. */
export function fetchApplication(id: number | string, signal?: AbortSignal) {
  return request<ApplicationDetail>(`/applications/${id}`, { signal });
}

/** GET /api/applications/:id/history — 报装记录, oldest first. */
export function fetchHistory(id: number | string, signal?: AbortSignal) {
  return request<HistoryEntry[]>(`/applications/${id}/history`, { signal });
}

/** The application a 报装详情 address shows (`/applications/12` → `'12'`), or undefined for any other page. */
export function detailIdOf(route: string): string | undefined {
  return /^\/applications\/(\d+)\/?$/.exec(route)?.[1];
}

/** 报装详情's first data: the application and its 报装记录, asked for together (the page's and boot/prefetch.ts's). */
export function detailData(id: string): PageData<{ app: ApplicationDetail; history: HistoryEntry[] }> {
  return {
    name: 'detail',
    key: id,
    load: async (signal) => {
      const [app, history] = await Promise.all([fetchApplication(id, signal), fetchHistory(id, signal)]);
      return { app: app.data, history: history.data };
    },
  };
}

/** POST /api/applications/:id/actions/:action — take a workflow action; the reply is the application after it. */
export function takeAction(id: number, action: string, body: Record<string, unknown>, idempotencyKey = newIdempotencyKey()) {
  return request<Application>(`/applications/${id}/actions/${action}`, { method: 'POST', body, idempotencyKey });
}

/** POST /api/applications/:id/transfer — hand the current step to a colleague (转交). */
export function transferStep(id: number, body: { userId: number; comment?: string; version?: number }) {
  return request<Application>(`/applications/${id}/transfer`, { method: 'POST', body });
}

/** GET /api/applications/:id/duplicates — other applications in progress that look the same. */
export function fetchDuplicatesOf(id: number | string, signal?: AbortSignal) {
  return request<DuplicateApplicationView[]>(`/applications/${id}/duplicates`, { signal });
}

/** GET /api/applications/duplicates — asked while the window form is filled in. */
export function findDuplicates(query: { creditCode?: string; waterAddress?: string }, signal?: AbortSignal) {
  return request<DuplicateApplicationView[]>('/applications/duplicates', { query, signal });
}
