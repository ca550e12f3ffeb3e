import type { PageData } from '../../hooks/useRequest';
import { request } from '../../request';
import type { Application, WorklistMeta } from '../../types';

export interface WorklistPage {
  /** 'all', 'overdue' or a state key. */
  filter: string;
  page: number;
  pageSize: number;
}

const positive = (value: string | null, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** The page of 我的待办 the address asks for (`?state=…&page=…&pageSize=…`). */
export function worklistQuery(params: URLSearchParams): WorklistPage {
  return {
    filter: params.get('state') ?? 'all',
    page: positive(params.get('page'), 1),
    pageSize: positive(params.get('pageSize'), 20),
  };
}

/** GET /api/worklist — one page of what waits for me, most overdue first, with the badges' counts. */
export function fetchWorklist(query: WorklistPage, signal?: AbortSignal) {
  return request<Application[], WorklistMeta>('/worklist', { query: { ...query }, signal });
}

/** 我的待办's data for the address's query (the page's and boot/prefetch.ts's). */
export function worklistData(params: URLSearchParams): PageData<Awaited<ReturnType<typeof fetchWorklist>>> {
  const query = worklistQuery(params);
  return { name: 'worklist', key: JSON.stringify(query), load: (signal) => fetchWorklist(query, signal) };
}
