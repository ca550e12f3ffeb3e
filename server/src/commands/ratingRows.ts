import { Op, type Transaction } from 'sequelize';
import { ratingStars, type RatingView } from '@wc/shared';
import type { AuthUser } from '../context';
import { maskText } from '../logger';
import { Rating, type Application } from '../models';
import { ratingPolicy } from '../policies/rating';

/** The rating as shown; its comment masked for viewers who may not see the customer's phone. */
export function presentRating(rating: Rating, fullComment: boolean): RatingView {
  return {
    score: rating.score,
    stars: ratingStars(rating.score),
    comment: rating.comment === null || fullComment ? rating.comment : maskText(rating.comment),
    createdAt: rating.createdAt.toISOString(),
  };
}

/** The rating of one application, if any. */
export async function ratingOf(applicationId: number, t?: Transaction): Promise<Rating | null> {
  return Rating.findOne({ where: { applicationId }, transaction: t });
}

/**
 * The applications among `apps` that the viewer could rate but has rated already: asked only about
 * an applicant's own completed applications (for everyone else `permissions.rate` is false anyway),
 * so staff lists and running applications cost no query.
 */
export async function ratedAmong(apps: readonly Application[], viewer: AuthUser, t?: Transaction): Promise<Set<number>> {
  const ids = apps.filter((a) => ratingPolicy.rateable(viewer, a)).map((a) => a.id);
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await Rating.findAll({
    attributes: ['applicationId'],
    where: { applicationId: { [Op.in]: ids } },
    transaction: t,
    raw: true,
  });
  return new Set(rows.map((r) => r.applicationId));
}
