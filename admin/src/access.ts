import type { StaffRole } from './labels';

/**
 * Which menus and pages the logged-in staff member is offered. Nothing per application comes from
 * here: the server sends, with each application, its workflow actions (`availableActions`) and
 * everything else the viewer may do with it (`permissions`: edit, transfer, print…), and with the
 * list what may be done with the list. The server checks every call again; these flags only keep
 * people from being offered pages they would be refused.
 */

export interface AccessUser {
  id: number;
  kind: 'staff' | 'applicant';
  roles: readonly StaffRole[];
}

export interface Access {
  /** Any staff member with a role: worklist, list, detail. */
  staff: boolean;
  /** 窗口受理: typing in a new application. */
  windowEntry: boolean;
  /** 系统管理: users, roles, steps, contract stages, notifications. */
  admin: boolean;
  /** 统计看板. */
  dashboard: boolean;
}

const NONE: Access = { staff: false, windowEntry: false, admin: false, dashboard: false };

/** The menu flags of a user (null: nobody is logged in). Pure: tested on its own. */
export function access(user: AccessUser | null): Access {
  if (!user || user.kind !== 'staff' || user.roles.length === 0) {
    return NONE;
  }
  const has = (role: StaffRole) => user.roles.includes(role);
  return {
    staff: true,
    windowEntry: has('window_clerk'),
    admin: has('admin'),
    dashboard: true,
  };
}
