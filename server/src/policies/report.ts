import type { AuthUser } from '../context';
import { ForbiddenError } from '../errors';
import { adminPolicy } from './admin';

/** 获得用水: whoever sees the statistics (统计看板: every staff member with a role); targets are the administrator's. */
export const reportPolicy = {
  view(user: Pick<AuthUser, 'kind' | 'roles'>): boolean {
    return user.kind === 'staff' && user.roles.length > 0;
  },
  editTargets(user: Pick<AuthUser, 'kind' | 'roles'>): boolean {
    return adminPolicy.manage(user);
  },
};

export function authorizeReport(user: AuthUser): void {
  if (!reportPolicy.view(user)) {
    throw new ForbiddenError();
  }
}
