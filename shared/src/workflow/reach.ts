import type { NotificationEvent } from './types';

/**
 * Progress events an applicant must not miss (必达): they are sent by SMS as well as WeChat, and
 * the applicant cannot turn SMS off for them — each asks them to act (confirm the budget, pay) or
 * tells them the water is on.
 */
export const MUST_REACH_EVENTS: readonly NotificationEvent[] = ['budget_to_confirm', 'payment_due', 'water_on'];

export function mustReach(event: NotificationEvent): boolean {
  return MUST_REACH_EVENTS.includes(event);
}
