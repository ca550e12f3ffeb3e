import type { AttachmentView, PageMeta } from '@wc/shared';
import { request, type Query } from '../../request';

export type ArchiveRow = AttachmentView & { applicationNumber: string; applicationName: string };

export interface ArchiveFilters {
  q?: string;
  number?: string;
  name?: string;
  category?: string;
  uploader?: number;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** GET /api/attachments — 档案查询: every file of every application, searched. */
export function searchArchive(filters: ArchiveFilters, signal?: AbortSignal) {
  return request<ArchiveRow[], PageMeta>('/attachments', { query: filters as unknown as Query, signal });
}
