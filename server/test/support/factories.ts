import { randomBytes } from 'node:crypto';
import { creditCodeCheckChar, type ApplicantKind, type ApplicationFormInput, type StaffRole } from '@wc/shared';
import { issueToken } from '../../src/commands/authentication';
import type { AuthUser } from '../../src/context';
import { withTransaction } from '../../src/db/transaction';
import { hashPassword } from '../../src/lib/password';
import { User, UserRole } from '../../src/models';
import { services } from '../../src/services';
import { Api } from './api';

export const TEST_PASSWORD = 'test1234';
let passwordHash: Promise<string> | undefined;

/** A name no other test (nor a parallel worker on the same database) will use. */
export function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export interface TestUser {
  user: User;
  auth: AuthUser;
  token: string;
  api: Api;
}

async function makeUser(
  baseUrl: string,
  fields: { kind: 'staff' | 'applicant'; roles?: StaffRole[]; applicantKind?: ApplicantKind; displayName?: string; phone?: string },
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const user = await withTransaction(services().sequelize, async (t) => {
    const created = await User.create(
      {
        username: unique(fields.kind === 'staff' ? 's' : 'a'),
        passwordHash: hash,
        displayName: fields.displayName ?? (fields.kind === 'staff' ? '测试员工' : '测试用户'),
        phone: fields.phone ?? null,
        kind: fields.kind,
        applicantKind: fields.applicantKind ?? null,
        lockedUntil: null,
        openid: null,
        unionid: null,
        privacyAgreedAt: null,
      },
      { transaction: t },
    );
    for (const role of fields.roles ?? []) {
      await UserRole.create({ userId: created.id, role }, { transaction: t });
    }
    return created;
  });
  const reloaded = await User.findByPk(user.id, { include: [{ model: UserRole, as: 'roles' }] });
  if (!reloaded) {
    throw new Error('user vanished');
  }
  const { token } = issueToken(reloaded);
  return {
    user: reloaded,
    auth: {
      id: reloaded.id,
      username: reloaded.username,
      displayName: reloaded.displayName,
      kind: reloaded.kind,
      applicantKind: reloaded.applicantKind,
      roles: fields.roles ?? [],
    },
    token,
    api: new Api(baseUrl, token),
  };
}

export function createStaff(baseUrl: string, roles: StaffRole[], displayName?: string): Promise<TestUser> {
  return makeUser(baseUrl, { kind: 'staff', roles, displayName });
}

export function createApplicant(baseUrl: string, kind: ApplicantKind = 'enterprise'): Promise<TestUser> {
  return makeUser(baseUrl, { kind: 'applicant', applicantKind: kind, displayName: kind === 'enterprise' ? '测试企业' : '测试居民' });
}

/** A valid unified social credit code, different each call. */
export function creditCode(): string {
  const digits = Array.from(randomBytes(9), (b) => '0123456789ABCDEFGHJKLMNPQRTUWXY'.charAt(b % 31)).join('');
  const first17 = `91440101${digits}`;
  return `${first17}${creditCodeCheckChar(first17) ?? '0'}`;
}

export function enterpriseForm(overrides: Partial<ApplicationFormInput> = {}): ApplicationFormInput {
  return {
    kind: 'enterprise',
    name: unique('测试单位'),
    creditCode: creditCode(),
    contactName: '陈经理',
    contactPhone: '13912345678',
    address: '广州市天河区华夏路10号',
    waterAddress: '广州市天河区华夏路10号工地',
    waterType: 'construction',
    buildingArea: 2200,
    ...overrides,
  };
}

export function residentForm(overrides: Partial<ApplicationFormInput> = {}): ApplicationFormInput {
  return {
    kind: 'resident',
    name: '张三',
    contactPhone: '13712345678',
    address: '广州市越秀区东风中路88号',
    waterAddress: unique('广州市越秀区东风中路88号'),
    waterType: 'permanent',
    buildingArea: 96.5,
    ...overrides,
  };
}
