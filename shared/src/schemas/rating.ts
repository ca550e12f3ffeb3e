import { z } from 'zod';
import { RATING_COMMENT_MAX } from '../rating';

/** POST /api/applications/:id/rating. */
export const ratingInputSchema = z
  .object({
    score: z
      .number({ error: '请选择评分' })
      .int({ error: '请选择评分' })
      .min(1, { error: '请选择评分' })
      .max(5, { error: '评分应为1到5星' }),
    comment: z
      .string({ error: '评价内容格式不正确' })
      .trim()
      .max(RATING_COMMENT_MAX, { error: `评价内容不能超过${RATING_COMMENT_MAX}字` })
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .strict();

export type RatingInput = z.input<typeof ratingInputSchema>;
export type RatingData = z.output<typeof ratingInputSchema>;
