import type { AuditEventView, AuditVerifyView, PageMeta } from '@wc/shared';
import { request, type Query } from '../../../request';

export interface AuditFilters {
  actor?: number;
  action?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** GET /api/audit — the audit log, newest first, filtered by person, kind and date. */
export function fetchAudit(filters: AuditFilters, signal?: AbortSignal) {
  return request<AuditEventView[], PageMeta>('/audit', { query: filters as unknown as Query, signal });
}

/** GET /api/audit/verify — every hash chain checked end to end. */
export function verifyAudit() {
  return request<AuditVerifyView>('/audit/verify');
}
