import { ROLE_LABELS, isStaffRole, maskPhone, type UserView } from '@wc/shared';
import type { AuthUser } from '../context';
import type { User } from '../models';
import { adminPolicy } from '../policies/admin';

/** A user as the API shows it; phone numbers in full only to the user and to administrators. */
export function presentUser(user: User, viewer?: Pick<AuthUser, 'id' | 'kind' | 'roles'>): UserView {
  const roles = user.roleKeys.filter(isStaffRole);
  const fullPhone = viewer === undefined || viewer.id === user.id || adminPolicy.manage(viewer);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    kind: user.kind,
    applicantKind: user.applicantKind,
    phone: user.phone ? (fullPhone ? user.phone : maskPhone(user.phone)) : null,
    roles,
    roleLabels: roles.map((r) => ROLE_LABELS[r]),
    enabled: user.enabled,
    wechatBound: user.openid !== null,
    wecomUserId: fullPhone ? (user.wecomUserId ?? null) : null,
    lockedUntil: user.lockedUntil && user.lockedUntil.getTime() > Date.now() ? user.lockedUntil.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
  };
}
