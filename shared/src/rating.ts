import type { NotificationEvent, StateKey } from './workflow/types';

/**
 * 服务评价: once water is on and the application is completed, its applicant rates the service
 * (1–5 stars and an optional comment), once. The rules live here so that the server decides and the
 * clients only show what it presents (`permissions.rate`, `rating`). The input's schema is in
 * schemas/rating.ts: the list card reads the constants here, and the mini program's main package
 * must not carry the validation library for it.
 */

export const RATING_COMMENT_MAX = 500;

/**
 * The states in which an application may be rated: the whole job is done (报装已完成). Each must be
 * final (`terminal`): the detail read asks for a rating only in these states.
 */
export const RATABLE_STATES: readonly StateKey[] = ['completed'];

/** The notifications whose link opens the rating card (the completion notice). */
export const RATING_INVITE_EVENTS: readonly NotificationEvent[] = ['completed'];

/** The query parameter a link adds to the detail page to open its rating card. */
export const RATE_QUERY = 'rate=1';

export function ratable(state: StateKey): boolean {
  return RATABLE_STATES.includes(state);
}

export function opensRating(event: string): boolean {
  return (RATING_INVITE_EVENTS as readonly string[]).includes(event);
}

/** `★★★★☆` for 4 of 5. */
export function ratingStars(score: number): string {
  const n = Math.max(0, Math.min(5, Math.round(score)));
  return '★'.repeat(n) + '☆'.repeat(5 - n);
}

/** A rating as the detail page shows it (the applicant's own, or read-only for staff). */
export interface RatingView {
  score: number;
  /** `★★★★☆`. */
  stars: string;
  comment: string | null;
  createdAt: string;
}

/** Average and count of the ratings given in one China calendar month (`YYYY-MM`). */
export interface RatingMonthView {
  month: string;
  count: number;
  average: number;
}

/** The ratings of the applications a team (a 岗位) handled at a step, and of each person in it. */
export interface RatingTeamView {
  state: StateKey;
  stepLabel: string;
  role: string;
  roleLabel: string;
  count: number;
  average: number;
  people: { userId: number | null; name: string; count: number; average: number }[];
}

/** A rating of 2 stars or fewer, newest first, with the application it is about. */
export interface LowRatingView {
  applicationId: number;
  number: string;
  name: string;
  score: number;
  stars: string;
  comment: string | null;
  createdAt: string;
}

/** GET /api/stats/ratings: the ratings given in the dashboard's window. */
export interface RatingStatsView {
  from: string;
  to: string;
  count: number;
  /** Null when nothing was rated in the window. */
  average: number | null;
  byMonth: RatingMonthView[];
  /** Lowest average first. */
  byTeam: RatingTeamView[];
  low: LowRatingView[];
}

/** Ratings at or below this are listed for follow-up on the dashboard. */
export const LOW_RATING_MAX = 2;
