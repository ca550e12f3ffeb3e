import type { ReasonStatsView, SlowStepsView } from '@wc/shared';
import { request } from '../../request';

type Window = { from: string; to: string; kind?: string };

/** GET /api/stats/reasons — returns and rejections per action and 原因类别 in the window. */
export function fetchReasonStats(query: Window, signal?: AbortSignal) {
  return request<ReasonStatsView>('/stats/reasons', { query, signal });
}

/** GET /api/stats/slow-steps — median and P90 per step, person and team on the utility's clock. */
export function fetchSlowSteps(query: Window, signal?: AbortSignal) {
  return request<SlowStepsView>('/stats/slow-steps', { query, signal });
}
