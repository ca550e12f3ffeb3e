import type { WhereOptions } from 'sequelize';
import { STATES, type Channel, type StaffRole } from '@wc/shared';
import type { AuthUser } from '../context';
import type { Application } from '../models';
import { adminPolicy } from './admin';

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
  /**
   * The role in which `user` may correct the form (修改申请), or null: only while the application is
   * returned (已退回), by its applicant or at the window.
   */
  editingRole(user: AuthUser, app: Pick<Application, 'applicantUserId' | 'state'>): 'applicant' | 'window_clerk' | null {
    if (app.state !== 'returned') {
      return null;
    }
    if (user.kind === 'applicant') {
      return app.applicantUserId === user.id ? 'applicant' : null;
    }
    return user.roles.includes('window_clerk') ? 'window_clerk' : null;
  },
  edit(user: AuthUser, app: Pick<Application, 'applicantUserId' | 'state'>): boolean {
    return applicationPolicy.editingRole(user, app) !== null;
  },
  seeContactDetails(user: AuthUser, app: Pick<Application, 'applicantUserId'>): boolean {
    return user.kind === 'applicant' ? app.applicantUserId === user.id : user.roles.some((r) => CONTACT_ROLES.includes(r));
  },
  export(user: AuthUser): boolean {
    return user.kind === 'staff' && user.roles.length > 0;
  },
  /** A step that can be handed over at all: one the utility's staff handle, in a flow still running. */
  transferableStep(app: Pick<Application, 'state' | 'currentRole'>): boolean {
    return !STATES[app.state].terminal && app.currentRole !== null && app.currentRole !== 'applicant';
  },
  /**
   * Hand the current step to a colleague (转交): a step staff handle, by its assignee, the technical
   * head who dispatches, an administrator, or anyone of the step's role while nobody has it.
   */
  transfer(user: AuthUser, app: Pick<Application, 'state' | 'currentAssigneeId' | 'currentRole'>): boolean {
    if (user.kind !== 'staff' || !applicationPolicy.transferableStep(app)) {
      return false;
    }
    return (
      app.currentAssigneeId === user.id ||
      user.roles.includes('tech_head') ||
      adminPolicy.manage(user) ||
      (app.currentAssigneeId === null && user.roles.includes(app.currentRole as StaffRole))
    );
  },
  /** The dispatch sheet (派工单) is the utility's internal paper: staff only. */
  seeDispatchSheet(user: AuthUser): boolean {
    return user.kind === 'staff' && user.roles.length > 0;
  },
};
