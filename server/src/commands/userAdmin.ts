import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { z } from 'zod';
import type { StaffRole } from '@wc/shared';
import type { createStaffUserSchema, updateStaffUserSchema } from '@wc/shared';
import type { AuthUser } from '../context';
import { AppError, NotFoundError, fieldError } from '../errors';
import { hashPassword } from '../lib/password';
import { User, UserRole } from '../models';
import { adminPolicy } from '../policies/admin';
import { recordAudit } from './audit';

type CreateInput = z.output<typeof createStaffUserSchema>;
type UpdateInput = z.output<typeof updateStaffUserSchema>;

/** Staff users, optionally only those holding a role or matching a name. */
export function findStaff(filter: { role?: StaffRole; q?: string; includeDisabled?: boolean }): Promise<User[]> {
  const where: WhereOptions<User> = { kind: 'staff' };
  if (!filter.includeDisabled) {
    Object.assign(where, { enabled: true });
  }
  if (filter.q) {
    Object.assign(where, { [Op.or]: [{ username: { [Op.like]: `%${filter.q}%` } }, { displayName: { [Op.like]: `%${filter.q}%` } }] });
  }
  return User.findAll({
    where,
    include: [{ model: UserRole, as: 'roles', ...(filter.role ? { where: { role: filter.role }, required: true } : {}) }],
    order: [['id', 'ASC']],
  });
}

async function setRoles(user: User, roles: StaffRole[], t: Transaction): Promise<void> {
  await UserRole.destroy({ where: { userId: user.id, role: { [Op.notIn]: roles } }, transaction: t });
  const existing = new Set((await UserRole.findAll({ where: { userId: user.id }, transaction: t })).map((r) => r.role));
  for (const role of roles) {
    if (!existing.has(role)) {
      await UserRole.create({ userId: user.id, role }, { transaction: t });
    }
  }
}

async function reload(id: number, t: Transaction): Promise<User> {
  const user = await User.findByPk(id, { include: [{ model: UserRole, as: 'roles' }], transaction: t });
  if (!user) {
    throw new NotFoundError();
  }
  return user;
}

/** A WeCom userid names one person: taken by someone else → a field error (the unique index backs it up against races). */
async function freeWecomUserId(wecomUserId: string | null, self: number | null, t: Transaction): Promise<string | null> {
  if (wecomUserId === null) {
    return null;
  }
  const holder = await User.findOne({ where: { wecomUserId }, transaction: t });
  if (holder && holder.id !== self) {
    throw fieldError('wecomUserId', `该企业微信账号已属于${holder.displayName}`);
  }
  return wecomUserId;
}

/** Creates a staff user with roles (administrators only; audited). */
export async function createStaffUser(actor: AuthUser, input: CreateInput, t: Transaction): Promise<User> {
  if (await User.findOne({ where: { username: input.username }, transaction: t })) {
    throw fieldError('username', '用户名已被使用');
  }
  const user = await User.create(
    {
      username: input.username,
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName,
      phone: input.phone ?? null,
      wecomUserId: await freeWecomUserId(input.wecomUserId ?? null, null, t),
      kind: 'staff',
      applicantKind: null,
      lockedUntil: null,
      openid: null,
      unionid: null,
      privacyAgreedAt: null,
    },
    { transaction: t },
  );
  await setRoles(user, input.roles, t);
  await recordAudit(
    {
      actorUserId: actor.id,
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      data: { username: input.username, roles: input.roles },
    },
    t,
  );
  return reload(user.id, t);
}

/**
 * Changes a staff user's name, phone, roles, password or enabled flag. Disabling or resetting the
 * password revokes the user's tokens; an administrator cannot remove their own admin role.
 */
export async function updateStaffUser(actor: AuthUser, id: number, input: UpdateInput, t: Transaction): Promise<User> {
  const user = await User.findOne({ where: { id, kind: 'staff' }, transaction: t });
  if (!user) {
    throw new NotFoundError('未找到该用户');
  }
  // Asked of the roles the actor would keep: nobody locks themselves out of administration.
  if (id === actor.id && (input.enabled === false || (input.roles && !adminPolicy.manage({ kind: 'staff', roles: input.roles })))) {
    throw new AppError('FORBIDDEN', '不能停用自己或取消自己的管理员角色');
  }
  const changes: Partial<User> = {};
  if (input.displayName !== undefined) {
    changes.displayName = input.displayName;
  }
  if (input.phone !== undefined) {
    changes.phone = input.phone;
  }
  if (input.wecomUserId !== undefined) {
    changes.wecomUserId = await freeWecomUserId(input.wecomUserId, id, t);
  }
  if (input.enabled !== undefined) {
    changes.enabled = input.enabled;
  }
  if (input.password !== undefined) {
    changes.passwordHash = await hashPassword(input.password);
    changes.failedLogins = 0;
    changes.lockedUntil = null;
  }
  if (input.password !== undefined || input.enabled === false) {
    changes.tokenVersion = user.tokenVersion + 1;
  }
  await user.update(changes, { transaction: t });
  if (input.roles) {
    await setRoles(user, input.roles, t);
  }
  await recordAudit(
    {
      actorUserId: actor.id,
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      data: { ...input, password: input.password ? '[changed]' : undefined },
    },
    t,
  );
  return reload(id, t);
}

/** Lifts a login lockout. */
export async function unlockUser(actor: AuthUser, id: number, t: Transaction): Promise<User> {
  const user = await User.findByPk(id, { transaction: t });
  if (!user) {
    throw new NotFoundError('未找到该用户');
  }
  await user.update({ failedLogins: 0, lockedUntil: null }, { transaction: t });
  await recordAudit({ actorUserId: actor.id, action: 'user.unlock', targetType: 'user', targetId: id }, t);
  return reload(id, t);
}
