import { request } from '../../request';
import type { DashboardView } from '../../types';

/** GET /api/stats/dashboard — counts and overdue per state, cycle time P50/P90 per step vs threshold. */
export function fetchDashboard(query: { from?: string; to?: string; kind?: string }, signal?: AbortSignal) {
  return request<DashboardView>('/stats/dashboard', { query, signal });
}
