import type { AuthUser } from '../context';
import { ForbiddenError } from '../errors';

/** Administration (users, roles, assignees, stages, thresholds) is for administrators only. */
export const adminPolicy = {
  /** The one check of administrator rights: every route, rule and presenter that needs them asks this. */
  manage(user: Pick<AuthUser, 'kind' | 'roles'>): boolean {
    return user.kind === 'staff' && user.roles.includes('admin');
  },
  /** Staff may look up colleagues (to pick an assignee); applicants may not. */
  listStaff(user: AuthUser): boolean {
    return user.kind === 'staff' && user.roles.length > 0;
  },
};

/** Refuses (403) anyone who does not administer the system. */
export function authorizeAdmin(user: AuthUser, message?: string): void {
  if (!adminPolicy.manage(user)) {
    throw new ForbiddenError(message);
  }
}
