import { request } from '../../request';
import type { Application, WorklistMeta } from '../../types';

export interface WorklistPage {
  /** 'all', 'overdue' or a state key. */
  filter: string;
  page: number;
  pageSize: number;
}

/** GET /api/worklist — one page of what waits for me, most overdue first, with the badges' counts. */
export function fetchWorklist(query: WorklistPage, signal?: AbortSignal) {
  return request<Application[], WorklistMeta>('/worklist', { query: { ...query }, signal });
}
