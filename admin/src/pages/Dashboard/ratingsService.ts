import type { RatingStatsView } from '@wc/shared';
import { request } from '../../request';

/** GET /api/stats/ratings — 服务评价 in the window: per month, per step and team, and the latest low ones. */
export function fetchRatingStats(query: { from: string; to: string; kind?: string }, signal?: AbortSignal) {
  return request<RatingStatsView>('/stats/ratings', { query, signal });
}
