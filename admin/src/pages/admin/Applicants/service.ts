import type { ApplicantAccountView, PageMeta, PasswordResetView } from '@wc/shared';
import { request, type Query } from '../../../request';

export interface ApplicantFilters {
  q?: string;
  status?: 'active' | 'locked' | 'disabled';
  page: number;
  pageSize: number;
}

/** GET /api/applicants — applicant accounts with their application counts. */
export function listApplicants(filters: ApplicantFilters, signal?: AbortSignal) {
  return request<ApplicantAccountView[], PageMeta>('/applicants', { query: filters as unknown as Query, signal });
}

/** PATCH /api/applicants/:id — 停用 / 启用. */
export function setApplicantEnabled(id: number, enabled: boolean) {
  return request<ApplicantAccountView>(`/applicants/${id}`, { method: 'PATCH', body: { enabled } });
}

/** POST /api/applicants/:id/unlock — lift a lockout. */
export function unlockApplicant(id: number) {
  return request<ApplicantAccountView>(`/applicants/${id}/unlock`, { method: 'POST' });
}

/** POST /api/applicants/:id/reset-password — a temporary password, shown once. */
export function resetApplicantPassword(id: number) {
  return request<PasswordResetView>(`/applicants/${id}/reset-password`, { method: 'POST' });
}
