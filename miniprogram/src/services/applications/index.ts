import type { ApplicationFormInput } from '@wc/shared';
import { newIdempotencyKey, request } from '../request';
import type { Application, ApplicationDetail, HistoryEntry, PageMeta } from '../types';

export interface ListQuery {
  page?: number;
  pageSize?: number;
  /** true: still in progress (当前报装); false: finished, ended or withdrawn (历史报装). */
  active?: boolean;
}

/** GET /api/applications — my applications, newest first. */
export async function listApplications(query: ListQuery): Promise<{ rows: Application[]; meta: PageMeta }> {
  const { data, meta } = await request<Application[], PageMeta>('/api/applications', {
    query: { page: query.page ?? 1, pageSize: query.pageSize ?? 20, active: query.active, sort: 'newest' },
  });
  return { rows: data, meta: meta ?? { page: 1, pageSize: data.length, total: data.length } };
}

/** POST /api/applications — submit a new application (新增报装). */
export async function createApplication(form: ApplicationFormInput, idempotencyKey = newIdempotencyKey()): Promise<Application> {
  const { data } = await request<Application>('/api/applications', { method: 'POST', body: form, idempotencyKey, toast: false });
  return data;
}

/** GET /api/applications/:id — detail with step map. */
export async function getApplication(id: number): Promise<ApplicationDetail> {
  const { data } = await request<ApplicationDetail>(`/api/applications/${id}`);
  return data;
}

/** PATCH /api/applications/:id — correct a returned application; `version` guards against lost updates. */
export async function updateApplication(id: number, form: ApplicationFormInput, version: number): Promise<Application> {
  const { data } = await request<Application>(`/api/applications/${id}`, {
    method: 'PATCH',
    body: form,
    headers: { 'If-Match': String(version) },
    toast: false,
  });
  return data;
}

/** GET /api/applications/:id/history — 报装记录, oldest first. */
export async function getHistory(id: number): Promise<HistoryEntry[]> {
  const { data } = await request<HistoryEntry[]>(`/api/applications/${id}/history`);
  return data;
}

/** POST /api/applications/:id/actions/:action — take one of the actions the server offered. */
export async function takeAction(
  id: number,
  action: string,
  body: Record<string, unknown>,
  idempotencyKey = newIdempotencyKey(),
): Promise<Application> {
  const { data } = await request<Application>(`/api/applications/${id}/actions/${action}`, {
    method: 'POST',
    body,
    idempotencyKey,
  });
  return data;
}
