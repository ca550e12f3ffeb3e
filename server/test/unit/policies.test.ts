import type { DispatchSheet, StaffRole, StateKey } from '@wc/shared';
import type { AuthUser } from '../../src/context';
import { adminPolicy } from '../../src/policies/admin';
import { applicationPolicy } from '../../src/policies/application';
import { printPolicy } from '../../src/policies/print';

/** The rules behind `permissions`, on their own: the one place each is written. */

const staff = (id: number, ...roles: StaffRole[]): AuthUser => ({
  id,
  username: `s${id}`,
  displayName: '测试员工',
  kind: 'staff',
  applicantKind: null,
  roles,
});
const applicant = (id: number): AuthUser => ({
  id,
  username: `a${id}`,
  displayName: '测试用户',
  kind: 'applicant',
  applicantKind: 'enterprise',
  roles: [],
});
const step = (currentRole: string | null, currentAssigneeId: number | null, state: StateKey = 'surveying') => ({
  state,
  currentRole,
  currentAssigneeId,
});

describe('转交 (applicationPolicy.transfer)', () => {
  it.each([
    ['the assignee', staff(7, 'surveyor'), step('surveyor', 7), true],
    ['a colleague of the role while the step is free', staff(8, 'surveyor'), step('surveyor', null), true],
    ['a colleague of the role once someone has it', staff(8, 'surveyor'), step('surveyor', 7), false],
    ['someone of another role', staff(9, 'designer'), step('surveyor', null), false],
    ['the technical head', staff(3, 'tech_head'), step('surveyor', 7), true],
    ['an administrator', staff(4, 'admin'), step('cashier', 7, 'payment'), true],
    ['anyone, when the applicant has the step', staff(3, 'tech_head'), step('applicant', null, 'returned'), false],
    ['anyone, when the flow has ended', staff(4, 'admin'), step('surveyor', 7, 'completed'), false],
    ['an applicant', applicant(7), step('surveyor', 7), false],
  ])('by %s: %s', (_who, user, app, allowed) => {
    expect(applicationPolicy.transfer(user, app)).toBe(allowed);
  });
});

describe('修改申请 (applicationPolicy.editingRole)', () => {
  const returned = { state: 'returned' as const, applicantUserId: 5 };
  it('names the role the form is corrected in, only while returned', () => {
    expect(applicationPolicy.editingRole(applicant(5), returned)).toBe('applicant');
    expect(applicationPolicy.editingRole(applicant(6), returned)).toBeNull();
    expect(applicationPolicy.editingRole(staff(1, 'window_clerk'), returned)).toBe('window_clerk');
    expect(applicationPolicy.editingRole(staff(1, 'reviewer', 'admin'), returned)).toBeNull();
    expect(applicationPolicy.editingRole(applicant(5), { ...returned, state: 'submitted' })).toBeNull();
    expect(applicationPolicy.editingRole(staff(1, 'window_clerk'), { ...returned, state: 'submitted' })).toBeNull();
  });
});

describe('打印 (printPolicy.printable)', () => {
  const sheet = {} as DispatchSheet;
  const app = (dispatchSheet: DispatchSheet | null) => ({ applicantUserId: 5, dispatchSheet });

  it('offers each print-out once there is something to print, to staff', () => {
    const clerk = staff(1, 'window_clerk');
    expect(printPolicy.printable(clerk, app(null), [])).toEqual([]);
    expect(printPolicy.printable(clerk, app(sheet), [])).toEqual(['dispatchSheet']);
    expect(printPolicy.printable(clerk, app(null), ['budget'])).toEqual(['budget']);
    expect(printPolicy.printable(clerk, app(null), ['construction_drawing_pdf'])).toEqual(['design']);
    expect(printPolicy.printable(clerk, app(sheet), ['construction_drawing', 'budget', 'site_photo'])).toEqual([
      'dispatchSheet',
      'budget',
      'design',
    ]);
  });

  it('offers nothing to applicants or staff without a role, whatever there is', () => {
    for (const user of [applicant(5), staff(2)]) {
      expect(printPolicy.printable(user, app(sheet), ['budget', 'construction_drawing'])).toEqual([]);
    }
  });
});

describe('administrator rights (adminPolicy.manage)', () => {
  it('are the admin role of a staff account, nothing else', () => {
    expect(adminPolicy.manage(staff(1, 'admin'))).toBe(true);
    expect(adminPolicy.manage(staff(1, 'tech_head', 'leader'))).toBe(false);
    expect(adminPolicy.manage({ kind: 'applicant', roles: ['admin'] })).toBe(false);
  });
});
