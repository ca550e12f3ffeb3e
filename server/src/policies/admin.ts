import type { AuthUser } from '../context';

/** Administration (users, roles, assignees, stages, thresholds) is for administrators only. */
export const adminPolicy = {
  manage(user: AuthUser): boolean {
    return user.kind === 'staff' && user.roles.includes('admin');
  },
  /** Staff may look up colleagues (to pick an assignee); applicants may not. */
  listStaff(user: AuthUser): boolean {
    return user.kind === 'staff' && user.roles.length > 0;
  },
};
