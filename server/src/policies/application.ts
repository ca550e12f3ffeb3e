import type { WhereOptions } from 'sequelize';
import type { Channel, StaffRole } from '@wc/shared';
import type { AuthUser } from '../context';
import type { Application } from '../models';

/**
 * Who may do what with applications. Each rule pairs the role check with the state or ownership
 * check it needs; handlers call these, never ad-hoc ifs.
 */

/** Roles whose work means calling the customer; others see phone numbers and credit codes masked. */
const CONTACT_ROLES: readonly StaffRole[] = [
  'window_clerk',
  'reviewer',
  'tech_head',
  'surveyor',
  'constructor',
  'cashier',
  'contract_clerk',
  'acceptor',
];

/** The rows a user may see at all: applicants their own, staff every application. */
export function applicationScope(user: AuthUser): WhereOptions<Application> {
  return user.kind === 'applicant' ? { applicantUserId: user.id } : {};
}

export const applicationPolicy = {
  read(user: AuthUser, app: Pick<Application, 'applicantUserId'>): boolean {
    return user.kind === 'staff' ? user.roles.length > 0 : app.applicantUserId === user.id;
  },
  create(user: AuthUser, channel: Channel): boolean {
    return channel === 'window' ? user.kind === 'staff' && user.roles.includes('window_clerk') : user.kind === 'applicant';
  },
  /** Editing the form is possible only while the application is returned (已退回). */
  edit(user: AuthUser, app: Pick<Application, 'applicantUserId' | 'state' | 'channel'>): boolean {
    if (app.state !== 'returned') {
      return false;
    }
    return user.kind === 'applicant' ? app.applicantUserId === user.id : user.roles.includes('window_clerk');
  },
  seeContactDetails(user: AuthUser, app: Pick<Application, 'applicantUserId'>): boolean {
    return user.kind === 'applicant' ? app.applicantUserId === user.id : user.roles.some((r) => CONTACT_ROLES.includes(r));
  },
  export(user: AuthUser): boolean {
    return user.kind === 'staff' && user.roles.length > 0;
  },
  /** Hand the current step to a colleague: its assignee, the technical head who dispatches, or an administrator. */
  transfer(user: AuthUser, app: Pick<Application, 'currentAssigneeId' | 'currentRole'>): boolean {
    if (user.kind !== 'staff') {
      return false;
    }
    return (
      app.currentAssigneeId === user.id ||
      user.roles.includes('tech_head') ||
      user.roles.includes('admin') ||
      (app.currentAssigneeId === null && user.roles.includes(app.currentRole as StaffRole))
    );
  },
};
