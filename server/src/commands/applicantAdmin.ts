import { randomInt } from 'node:crypto';
import { Op, fn, col, type Transaction, type WhereOptions } from 'sequelize';
import { APPLICANT_KIND_LABELS, maskPhone, type ApplicantAccountView, type ApplicantQuery } from '@wc/shared';
import type { AuthUser } from '../context';
import { NotFoundError } from '../errors';
import { hashPassword } from '../lib/password';
import { Application, User } from '../models';
import { recordAudit } from './audit';
import { escapeLike } from '../lib/search';

function statusWhere(status: ApplicantQuery['status'], now: Date): WhereOptions<User> {
  switch (status) {
    case 'disabled':
      return { enabled: false };
    case 'locked':
      return { enabled: true, lockedUntil: { [Op.gt]: now } };
    case 'active':
      return { enabled: true, [Op.or]: [{ lockedUntil: null }, { lockedUntil: { [Op.lte]: now } }] };
    default:
      return {};
  }
}

export function presentApplicant(user: User, applications: number, now = new Date()): ApplicantAccountView {
  const locked = user.lockedUntil !== null && user.lockedUntil.getTime() > now.getTime();
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    phone: user.phone ? maskPhone(user.phone) : null,
    applicantKind: user.applicantKind,
    applicantKindLabel: user.applicantKind ? APPLICANT_KIND_LABELS[user.applicantKind] : '未选择',
    enabled: user.enabled,
    locked,
    lockedUntil: locked ? (user.lockedUntil?.toISOString() ?? null) : null,
    hasPassword: user.passwordHash !== null,
    wechatBound: user.openid !== null || user.unionid !== null,
    applications,
    createdAt: user.createdAt.toISOString(),
  };
}

async function applicationCounts(userIds: number[], t?: Transaction): Promise<Map<number, number>> {
  if (userIds.length === 0) {
    return new Map();
  }
  const rows = (await Application.findAll({
    attributes: ['applicantUserId', [fn('COUNT', col('id')), 'count']],
    where: { applicantUserId: { [Op.in]: userIds } },
    group: ['applicantUserId'],
    raw: true,
    transaction: t,
  })) as unknown as { applicantUserId: number; count: number | string }[];
  return new Map(rows.map((r) => [Number(r.applicantUserId), Number(r.count)]));
}

/** 报装用户管理: applicant accounts, newest first, by name, user name or phone and by status. */
export async function listApplicants(query: ApplicantQuery, now = new Date()): Promise<{ rows: ApplicantAccountView[]; total: number }> {
  const and: WhereOptions<User>[] = [{ kind: 'applicant' }, statusWhere(query.status, now)];
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    and.push({ [Op.or]: [{ username: { [Op.like]: like } }, { displayName: { [Op.like]: like } }, { phone: { [Op.like]: like } }] });
  }
  const where = { [Op.and]: and };
  const [total, users] = await Promise.all([
    User.count({ where }),
    User.findAll({ where, order: [['id', 'DESC']], limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
  ]);
  const counts = await applicationCounts(users.map((u) => u.id));
  return { rows: users.map((u) => presentApplicant(u, counts.get(u.id) ?? 0, now)), total };
}

async function findApplicant(id: number, t: Transaction): Promise<User> {
  // Row-locked: two administrators acting on one account at once act one after the other.
  const user = await User.findOne({ where: { id, kind: 'applicant' }, transaction: t, lock: t.LOCK.UPDATE });
  if (!user) {
    throw new NotFoundError('未找到该报装用户');
  }
  return user;
}

async function viewOf(user: User, t: Transaction): Promise<ApplicantAccountView> {
  return presentApplicant(user, (await applicationCounts([user.id], t)).get(user.id) ?? 0);
}

/** 停用 / 启用: a disabled account cannot log in by any channel, and its tokens stop working at once. */
export async function setApplicantEnabled(actor: AuthUser, id: number, enabled: boolean, t: Transaction): Promise<ApplicantAccountView> {
  const user = await findApplicant(id, t);
  if (user.enabled !== enabled) {
    await user.update({ enabled, ...(enabled ? {} : { tokenVersion: user.tokenVersion + 1 }) }, { transaction: t });
    await recordAudit(
      { actorUserId: actor.id, action: enabled ? 'applicant.enable' : 'applicant.disable', targetType: 'user', targetId: id },
      t,
    );
  }
  return viewOf(user, t);
}

// No 0/O, 1/l/I: read out over the phone or copied from a screen without mistakes.
const LETTERS = 'abcdefghjkmnpqrstuvwxyz';
const DIGITS = '23456789';

/** Ten characters with letters and digits, as the password rules require. */
function temporaryPassword(): string {
  const all = LETTERS + DIGITS;
  const chars = Array.from({ length: 10 }, (_, i) => {
    const pool = i === 0 ? LETTERS : i === 1 ? DIGITS : all;
    return pool[randomInt(pool.length)] ?? 'a';
  });
  return chars.join('');
}

/**
 * 重置密码 for a customer who forgot theirs: a temporary password for the administrator to give them
 * (once [G3]'s SMS is in place it is sent to the account's phone instead), the lockout lifted, every
 * session ended. The password itself is never stored or audited, only that it was reset.
 */
export async function resetApplicantPassword(
  actor: AuthUser,
  id: number,
  t: Transaction,
): Promise<{ temporaryPassword: string; view: ApplicantAccountView }> {
  const user = await findApplicant(id, t);
  const password = temporaryPassword();
  await user.update(
    { passwordHash: await hashPassword(password), failedLogins: 0, lockedUntil: null, tokenVersion: user.tokenVersion + 1 },
    { transaction: t },
  );
  await recordAudit({ actorUserId: actor.id, action: 'applicant.reset_password', targetType: 'user', targetId: id }, t);
  return { temporaryPassword: password, view: await viewOf(user, t) };
}
