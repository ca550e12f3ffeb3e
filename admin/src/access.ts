import type { StaffRole } from './labels';

/**
 * What the logged-in staff member may see in the staff page: menus, pages and the few buttons that
 * are not workflow actions. Workflow actions never come from here — the server lists them on each
 * application (`availableActions`). The server checks every call again; these flags only keep
 * people from being offered what they would be refused.
 */

export interface AccessUser {
  id: number;
  kind: 'staff' | 'applicant';
  roles: readonly StaffRole[];
}

/** The current step of an application as the transfer rule needs it. */
export interface TransferTarget {
  terminal: boolean;
  step: { handlerRole: string | null; assignee: { id: number } | null };
}

export interface Access {
  /** Any staff member with a role: worklist, list, detail, dashboard, export. */
  staff: boolean;
  /** 窗口受理: typing in a new application. */
  windowEntry: boolean;
  /** 系统管理: users, roles, steps, contract stages, notifications. */
  admin: boolean;
  export: boolean;
  dashboard: boolean;
  /** 转交: hand the current step to a colleague (assignee, technical head, administrator, or a free step of one's role). */
  transfer(app: TransferTarget): boolean;
}

const NONE: Access = {
  staff: false,
  windowEntry: false,
  admin: false,
  export: false,
  dashboard: false,
  transfer: () => false,
};

/** The access flags of a user (null: nobody is logged in). Pure: tested on its own. */
export function access(user: AccessUser | null): Access {
  if (!user || user.kind !== 'staff' || user.roles.length === 0) {
    return NONE;
  }
  const has = (role: StaffRole) => user.roles.includes(role);
  return {
    staff: true,
    windowEntry: has('window_clerk'),
    admin: has('admin'),
    export: true,
    dashboard: true,
    transfer: (app) => {
      if (app.terminal || !app.step.handlerRole || app.step.handlerRole === 'applicant') {
        return false;
      }
      const assignee = app.step.assignee?.id ?? null;
      return (
        assignee === user.id ||
        has('tech_head') ||
        has('admin') ||
        (assignee === null && (user.roles as readonly string[]).includes(app.step.handlerRole))
      );
    },
  };
}
