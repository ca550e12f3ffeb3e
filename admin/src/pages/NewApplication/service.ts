import type { ApplicationFormInput, DuplicateApplicationView } from '@wc/shared';
import { request } from '../../request';
import type { Application } from '../../types';

export { fetchApplication, findDuplicates } from '../../services/applications';

/** POST /api/applications — 窗口受理: a window clerk types in an application (it starts at 待派工 / 现场勘察). */
export function createApplication(form: ApplicationFormInput, idempotencyKey: string) {
  return request<Application, { duplicates: DuplicateApplicationView[] }>('/applications', { method: 'POST', body: form, idempotencyKey });
}

/** PATCH /api/applications/:id — correct a returned application; If-Match guards against lost updates. */
export function updateApplication(id: number, form: ApplicationFormInput, version: number) {
  return request<Application>(`/applications/${id}`, { method: 'PATCH', body: form, headers: { 'If-Match': String(version) } });
}
