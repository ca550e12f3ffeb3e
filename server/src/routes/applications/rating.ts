import Router from '@koa/router';
import type { z } from 'zod';
import { ratingInputSchema, type RatingData } from '@wc/shared';
import { submitRating } from '../../commands/rating';
import type { AppState, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { idempotent } from '../../middlewares/idempotency';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { idParams } from './schema';

const router = new Router<AppState>({ prefix: '/applications' });

/**
 * POST /api/applications/:id/rating — 评价服务: the applicant rates their completed application,
 * once (1–5 stars and a comment). The detail (GET /api/applications/:id) carries it back as `rating`.
 */
router.post(
  '/:id/rating',
  authenticated(),
  validate({ params: idParams, body: ratingInputSchema }),
  transaction(),
  idempotent(),
  async (ctx: AuthedContext<{ params: z.output<typeof idParams>; body: RatingData }>) => {
    const data = await submitRating(ctx.state.user, ctx.state.input.params.id, ctx.state.input.body, ctx.state.transaction!);
    ctx.status = 201;
    ctx.body = { data };
  },
);

export default router;
