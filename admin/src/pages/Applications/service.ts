import type { ApplicationListQuery } from '../../labels';
import type { PageData } from '../../hooks/useRequest';
import { fetchFile, request, saveBlob, type Query } from '../../request';
import type { Application, ApplicationListMeta } from '../../types';
import { filtersFromParams } from './filters';

export type ListFilters = Partial<Omit<ApplicationListQuery, 'overdue' | 'active'>> & {
  overdue?: 'true' | 'false';
  active?: 'true' | 'false';
};

/** GET /api/applications — one page of the filtered list. */
export function fetchApplications(filters: ListFilters, signal?: AbortSignal) {
  return request<Application[], ApplicationListMeta>('/applications', { query: filters as Query, signal });
}

/** 报装列表's data for the address's query (the page's and boot/prefetch.ts's). */
export function listData(params: URLSearchParams): PageData<Awaited<ReturnType<typeof fetchApplications>>> {
  const filters = filtersFromParams(params);
  return { name: 'applications', key: params.toString(), load: (signal) => fetchApplications(filters, signal) };
}

/** GET /api/exports/applications.xlsx — 导出数据: the filtered list (all pages) as an Excel file. */
export async function exportApplications(filters: ListFilters): Promise<string> {
  const { page: _page, pageSize: _pageSize, ...rest } = filters;
  const { blob, filename } = await fetchFile('/exports/applications.xlsx', rest as Query);
  const name = filename === 'download' ? '报装列表.xlsx' : filename;
  saveBlob(blob, name);
  return name;
}
