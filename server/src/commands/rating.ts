import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { RatingData, RatingView } from '@wc/shared';
import type { AuthUser } from '../context';
import { AppError, ForbiddenError } from '../errors';
import { Rating } from '../models';
import { ratingPolicy } from '../policies/rating';
import { services } from '../services';
import { findVisibleApplication } from './applicationViews';
import { presentRating, ratingOf } from './ratingRows';

/**
 * 评价服务: the applicant rates their completed application, once. Another applicant's application
 * is 404 (as everywhere); staff, a running application or a second rating are refused with a reason.
 */
export async function submitRating(
  user: AuthUser,
  applicationId: number,
  input: RatingData,
  t: Transaction,
  now = new Date(),
): Promise<RatingView> {
  const app = await findVisibleApplication(user, applicationId, t);
  if (user.kind !== 'applicant') {
    throw new ForbiddenError('只有报装用户本人可以评价');
  }
  if (!ratingPolicy.rateable(user, app)) {
    throw new AppError('STATE_CONFLICT', '报装完成后才能评价');
  }
  if (await ratingOf(app.id, t)) {
    throw new AppError('DUPLICATE', '已评价');
  }
  let rating: Rating;
  try {
    rating = await Rating.create(
      { applicationId: app.id, applicantUserId: user.id, score: input.score, comment: input.comment, createdAt: now },
      { transaction: t },
    );
  } catch (error) {
    // Two submissions at once: the unique index lets one through.
    if (error instanceof UniqueConstraintError) {
      throw new AppError('DUPLICATE', '已评价');
    }
    throw error;
  }
  // The logger masks phone numbers in the comment; the score is what operators look for.
  services().logger.info(
    { event: 'rating.submitted', applicationId: app.id, score: rating.score, comment: rating.comment },
    'rating submitted',
  );
  return presentRating(rating, true);
}
