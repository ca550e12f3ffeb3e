import type { ReportRowView, ReportTargetView, ReportTargetsInput, ReportView } from '@wc/shared';
import { fetchFile, request, saveBlob, type Query } from '../../request';

/** The report's filters as the page keeps them (and as the print page reads them from its address). */
export interface ReportFilters {
  from: string;
  to: string;
  groupBy: 'month' | 'range';
  kind?: string;
  waterType?: string;
  channel?: string;
  route?: string;
}

/** One group of the report (what the drill-down narrows to). */
export interface GroupSelection {
  period: string;
  kind: string;
  waterType: string;
  channel: string;
  route: string;
  figure?: string;
}

/** GET /api/report — 获得用水 per group, each figure against its target. */
export function fetchReport(filters: ReportFilters, signal?: AbortSignal) {
  return request<ReportView>('/report', { query: { ...filters }, signal });
}

/** GET /api/report/rows — the applications behind a group and figure. */
export function fetchRows(filters: ReportFilters, group: GroupSelection, signal?: AbortSignal) {
  return request<ReportRowView[]>('/report/rows', { query: { ...filters, ...group }, signal });
}

export function fetchTargets(signal?: AbortSignal) {
  return request<ReportTargetView[]>('/report/targets', { signal });
}

export function saveTargets(body: ReportTargetsInput) {
  return request<ReportTargetView[]>('/report/targets', { method: 'PUT', body });
}

async function download(path: string, query: Query, fallback: string): Promise<string> {
  const { blob, filename } = await fetchFile(path, query);
  const name = filename === 'download' ? fallback : filename;
  saveBlob(blob, name);
  return name;
}

/** 导出Excel: the report (one row per group, green/red cells). */
export function exportReport(filters: ReportFilters): Promise<string> {
  return download('/report/report.xlsx', { ...filters }, '获得用水.xlsx');
}

/** 导出明细: the applications behind the report or one group of it. */
export function exportRows(filters: ReportFilters, group?: GroupSelection): Promise<string> {
  return download('/report/rows.xlsx', { ...filters, ...group }, '获得用水明细.xlsx');
}

/** The filters written into an address (the print page opens with them). */
export function filtersToSearch(filters: ReportFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value) {
      params.set(key, String(value));
    }
  }
  return params.toString();
}

export function filtersFromSearch(search: URLSearchParams, fallback: ReportFilters): ReportFilters {
  const pick = (key: keyof ReportFilters) => search.get(key) || undefined;
  return {
    from: pick('from') ?? fallback.from,
    to: pick('to') ?? fallback.to,
    groupBy: pick('groupBy') === 'range' ? 'range' : 'month',
    kind: pick('kind'),
    waterType: pick('waterType'),
    channel: pick('channel'),
    route: pick('route'),
  };
}

/** Default window: the current month and the five before it, as the server's default. */
export function defaultFilters(now = new Date()): ReportFilters {
  const china = new Date(now.getTime() + 8 * 3600 * 1000);
  const to = china.toISOString().slice(0, 10);
  const start = new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() - 5, 1));
  return { from: start.toISOString().slice(0, 10), to, groupBy: 'month' };
}
