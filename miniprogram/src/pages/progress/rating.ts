import type { RatingInput, RatingView } from '@wc/shared';
import { newIdempotencyKey, request } from '../../services/request';

/** POST /api/applications/:id/rating — 评价服务, once the application is completed; the caller shows errors. */
export async function rateApplication(id: number, input: RatingInput, idempotencyKey = newIdempotencyKey()): Promise<RatingView> {
  const { data } = await request<RatingView>(`/api/applications/${id}/rating`, {
    method: 'POST',
    body: input,
    idempotencyKey,
    toast: false,
  });
  return data;
}
