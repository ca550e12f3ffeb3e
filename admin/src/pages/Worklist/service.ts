import { request } from '../../request';
import type { Application, WorklistMeta } from '../../types';

/** GET /api/worklist — what waits for me, most overdue first, with counts per state. */
export function fetchWorklist(signal?: AbortSignal) {
  return request<Application[], WorklistMeta>('/worklist', { signal });
}
