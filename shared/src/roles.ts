/** Staff roles of WORKFLOW.md. One user may hold several. */
export const STAFF_ROLES = [
  'window_clerk',
  'reviewer',
  'tech_head',
  'surveyor',
  'designer',
  'budgeter',
  'contract_clerk',
  'contract_approver',
  'cashier',
  'leader',
  'constructor',
  'acceptor',
  'admin',
] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];

/** Applicants are not staff; their "role" is used only by the workflow's role rules. */
export type ActorRole = StaffRole | 'applicant';

export const ROLE_LABELS: Record<ActorRole, string> = {
  window_clerk: '窗口受理员',
  reviewer: '后台审核员',
  tech_head: '技术部门负责人',
  surveyor: '勘察员',
  designer: '设计员',
  budgeter: '预算员',
  contract_clerk: '合同管理员',
  contract_approver: '合同审批人',
  cashier: '收费员',
  leader: '领导',
  constructor: '施工员',
  acceptor: '验收员',
  admin: '系统管理员',
  applicant: '报装用户',
};

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}
