import type { StaffRole } from '@wc/shared';
import { ROLE_LABELS, STATES } from '@wc/shared';
import type { AuthUser } from '../context';
import { withTransaction } from '../db/transaction';
import { hashPassword } from '../lib/password';
import { FastTrackRule, StepSetting, User, UserRole } from '../models';
import { services } from '../services';
import { seedDemoApplications } from './demoApplications';
import { seedDemoUtility } from './demoUtility';

export const DEMO_PASSWORD = 'demo1234';

export interface DemoAccounts {
  password: string;
  accounts: { username: string; label: string }[];
}

/** Demo staff: one person per role (the technical head also approves contract stage 2). */
export const DEMO_STAFF: { username: string; name: string; roles: StaffRole[]; phone: string }[] = [
  { username: 'admin', name: '系统管理员', roles: ['admin'], phone: '13800000001' },
  { username: 'window', name: '王芳', roles: ['window_clerk'], phone: '13800000002' },
  { username: 'reviewer', name: '李娜', roles: ['reviewer'], phone: '13800000003' },
  { username: 'techhead', name: '张伟', roles: ['tech_head'], phone: '13800000004' },
  { username: 'surveyor', name: '刘洋', roles: ['surveyor'], phone: '13800000005' },
  { username: 'designer', name: '陈静', roles: ['designer'], phone: '13800000006' },
  { username: 'budgeter', name: '杨磊', roles: ['budgeter'], phone: '13800000007' },
  { username: 'contract', name: '赵敏', roles: ['contract_clerk'], phone: '13800000008' },
  { username: 'approver', name: '黄强', roles: ['contract_approver'], phone: '13800000009' },
  { username: 'cashier', name: '周丽', roles: ['cashier'], phone: '13800000010' },
  { username: 'leader', name: '吴刚', roles: ['leader'], phone: '13800000011' },
  { username: 'builder', name: '徐军', roles: ['constructor'], phone: '13800000012' },
  { username: 'acceptor', name: '孙涛', roles: ['acceptor'], phone: '13800000013' },
];

export const DEMO_APPLICANTS = [
  { username: 'zhujiang', name: '珠江摩尔置业有限公司', kind: 'enterprise' as const, phone: '13912345678' },
  { username: 'zhangsan', name: '张三', kind: 'resident' as const, phone: '13712345678' },
];

export { DEMO_ENTERPRISE_FORM, DEMO_RESIDENT_FORM } from './demoForms';

function accounts(): DemoAccounts {
  return {
    password: DEMO_PASSWORD,
    accounts: [
      ...DEMO_STAFF.map((s) => ({ username: s.username, label: `${s.roles.map((r) => ROLE_LABELS[r]).join('、')} ${s.name}` })),
      ...DEMO_APPLICANTS.map((a) => ({
        username: a.username,
        label: `报装用户（${a.kind === 'enterprise' ? '企业单位' : '居民'}）${a.name}`,
      })),
    ],
  };
}

export function authUser(user: User, roles: StaffRole[]): AuthUser {
  return { id: user.id, username: user.username, displayName: user.displayName, kind: user.kind, applicantKind: user.applicantKind, roles };
}

/**
 * Demo data for a fresh installation: staff with every role, two applicants and applications spread
 * across the flow (some overdue, so the red 历时 shows). Runs only when the demo admin does not exist.
 */
export async function seedDemo(now = new Date()): Promise<DemoAccounts> {
  const { sequelize } = services();
  if (await User.findOne({ where: { username: 'admin' } })) {
    return accounts();
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const people = await withTransaction(sequelize, async (t) => {
    const staff = new Map<string, AuthUser>();
    for (const s of DEMO_STAFF) {
      const user = await User.create(
        {
          username: s.username,
          passwordHash,
          displayName: s.name,
          phone: s.phone,
          kind: 'staff',
          applicantKind: null,
          lockedUntil: null,
          openid: null,
          unionid: null,
          privacyAgreedAt: null,
        },
        { transaction: t },
      );
      for (const role of s.roles) {
        await UserRole.create({ userId: user.id, role }, { transaction: t });
      }
      staff.set(s.username, authUser(user, s.roles));
    }
    for (const a of DEMO_APPLICANTS) {
      const user = await User.create(
        {
          username: a.username,
          passwordHash,
          displayName: a.name,
          phone: a.phone,
          kind: 'applicant',
          applicantKind: a.kind,
          lockedUntil: null,
          openid: null,
          unionid: null,
          privacyAgreedAt: now,
        },
        { transaction: t },
      );
      staff.set(a.username, authUser(user, []));
    }
    // Default assignees: the demo person holding each step's role handles it.
    for (const setting of await StepSetting.findAll({ transaction: t })) {
      const handler = STATES[setting.state].handlers[0];
      const person = DEMO_STAFF.find((d) => d.roles.some((r) => r === handler));
      const user = person ? staff.get(person.username) : undefined;
      if (user) {
        await setting.update({ defaultAssigneeId: user.id }, { transaction: t });
      }
    }
    // 快速通道: an example the administrator can switch on; disabled, so the demo's flows stay standard.
    await FastTrackRule.create(
      {
        name: '居民小口径（示例）',
        enabled: false,
        position: 1,
        conditions: { kinds: ['resident'], waterTypes: [], maxCaliber: 25, noExternalWorks: true, channels: [] },
      },
      { transaction: t },
    );
    return staff;
  });
  const admin = people.get('admin');
  if (admin) {
    await seedDemoUtility(admin);
  }
  await seedDemoApplications(people, now);
  return accounts();
}
