import { request } from '../../request';

export interface DashboardData {
  from: string;
  to: string;
  summary: { active: number; overdue: number; created: number; completed: number };
  byState: { state: string; label: string; terminal: boolean; count: number; overdue: number }[];
  cycleTimes: {
    flow: 'enterprise' | 'resident';
    flowLabel: string;
    state: string;
    label: string;
    count: number;
    p50Hours: number | null;
    p90Hours: number | null;
    thresholdText: string | null;
    thresholdHours: number | null;
  }[];
}

/** GET /api/stats/dashboard — counts and overdue per state, cycle time P50/P90 per step vs threshold. */
export function fetchDashboard(query: { from?: string; to?: string; kind?: string }, signal?: AbortSignal) {
  return request<DashboardData>('/stats/dashboard', { query, signal });
}
