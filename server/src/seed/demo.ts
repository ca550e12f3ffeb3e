import type { ApplicationForm, StaffRole } from '@wc/shared';
import { ROLE_LABELS, STATES, creditCodeCheckChar } from '@wc/shared';
import { createApplication } from '../commands/applicationCreator';
import { performAction } from '../commands/workflow/transitioner';
import type { AuthUser } from '../context';
import { withTransaction } from '../db/transaction';
import { hashPassword } from '../lib/password';
import { type Application, StepSetting, User, UserRole } from '../models';
import { services } from '../services';

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

export const DEMO_ENTERPRISE_FORM: ApplicationForm = {
  kind: 'enterprise',
  name: '珠江摩尔置业有限公司',
  creditCode: '91350100M000100Y43',
  contactName: '陈经理',
  contactPhone: '13912345678',
  address: '广州市天河区珠江新城华夏路10号',
  waterAddress: '广州市天河区珠江新城华夏路10号珠江摩尔项目工地',
  waterType: 'construction',
  buildingArea: 22200,
};

export const DEMO_RESIDENT_FORM: ApplicationForm = {
  kind: 'resident',
  name: '张三',
  creditCode: undefined,
  contactName: '张三',
  contactPhone: '13712345678',
  address: '广州市越秀区东风中路88号3栋502',
  waterAddress: '广州市越秀区东风中路88号3栋502',
  waterType: 'permanent',
  buildingArea: 96.5,
};

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

const HOUR = 3600 * 1000;

/** A valid credit code from its first 17 characters (demo data must pass the same checks as real data). */
function withCheckChar(first17: string): string {
  return `${first17}${creditCodeCheckChar(first17) ?? ''}`;
}

function authUser(user: User, roles: StaffRole[]): AuthUser {
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
  await withTransaction(sequelize, async (t) => {
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
    const applicants = new Map<string, AuthUser>();
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
      applicants.set(a.username, authUser(user, []));
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
    const get = (m: Map<string, AuthUser>, k: string): AuthUser => {
      const v = m.get(k);
      if (!v) {
        throw new Error(`demo user ${k} missing`);
      }
      return v;
    };
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
    const act = (app: Application, action: string, actor: AuthUser, hoursAgo: number, input: Record<string, unknown> = {}) =>
      performAction({ applicationId: app.id, action, actor, input, now: at(hoursAgo) }, t);

    const zhujiang = get(applicants, 'zhujiang');
    const zhangsan = get(applicants, 'zhangsan');
    const window = get(staff, 'window');
    const reviewer = get(staff, 'reviewer');

    // Waiting for review for 30 hours: past the 24-hour threshold, shown in red.
    await createApplication(
      { form: DEMO_ENTERPRISE_FORM, channel: 'online', actor: zhujiang, applicantUserId: zhujiang.id, now: at(30) },
      t,
    );
    // Window entries waiting for dispatch and in survey.
    await createApplication(
      {
        form: {
          ...DEMO_ENTERPRISE_FORM,
          name: '天河城百货有限公司',
          creditCode: withCheckChar('91440101MA59ABCD0'),
          waterType: 'permanent',
          buildingArea: 8600,
        },
        channel: 'window',
        actor: window,
        applicantUserId: null,
        now: at(50),
      },
      t,
    );
    const dispatched = await createApplication(
      {
        form: { ...DEMO_ENTERPRISE_FORM, name: '广州白云酒店有限公司', waterType: 'capacity', buildingArea: 15000 },
        channel: 'window',
        actor: window,
        applicantUserId: null,
        now: at(20),
      },
      t,
    );
    await act(dispatched, 'dispatch', get(staff, 'techhead'), 18);
    // A resident waiting for review, and one returned for a missing document.
    await createApplication({ form: DEMO_RESIDENT_FORM, channel: 'online', actor: zhangsan, applicantUserId: zhangsan.id, now: at(2) }, t);
    const returned = await createApplication(
      {
        form: { ...DEMO_RESIDENT_FORM, waterAddress: '广州市越秀区东风中路88号3栋车库' },
        channel: 'online',
        actor: zhangsan,
        applicantUserId: zhangsan.id,
        now: at(72),
      },
      t,
    );
    await act(returned, 'return', reviewer, 70, { comment: '请补充房产证明复印件后重新提交' });
  });
  return accounts();
}
