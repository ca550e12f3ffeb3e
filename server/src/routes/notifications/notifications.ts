import Router from '@koa/router';
import type { z } from 'zod';
import { Op, fn, col, where as sqlWhere, type Transaction, type WhereOptions } from 'sequelize';
import {
  MUST_REACH_EVENTS,
  NOTIFICATION_STATUS_LABELS,
  NOTIFICATION_TEXTS,
  isMobilePhone,
  smsPreferenceSchema,
  type NotificationStatus,
  type SentNotificationsMeta,
  type SmsPreferenceView,
} from '@wc/shared';
import { recordAudit } from '../../commands/audit';
import type { AppState, AuthedContext, AuthUser } from '../../context';
import { AppError, NotFoundError } from '../../errors';
import { authenticated } from '../../middlewares/authenticated';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { OutboxMessage, User } from '../../models';
import { authorizeAdmin } from '../../policies/admin';
import { presentForAdmin, presentNotification } from './presenter';
import {
  adminNotificationsQuery,
  idParams,
  myNotificationsQuery,
  type AdminNotificationsQuery,
  type IdParams,
  type MyNotificationsQuery,
} from './schema';

const router = new Router<AppState>();

type SmsPreferenceInput = z.output<typeof smsPreferenceSchema>;

/**
 * An applicant's progress messages, or a staff member's alerts: addressed to them, or — for a step
 * nobody is assigned to — to one of their roles (the payload names the role as `"role":"…"`).
 */
function mine(user: AuthUser): WhereOptions<OutboxMessage> {
  if (user.kind === 'applicant') {
    return { audience: 'applicant', recipientUserId: user.id };
  }
  const byRole = user.roles.map((role) => ({
    [Op.and]: [{ recipientUserId: null }, sqlWhere(col('payload'), Op.like, `%"role":"${role}"%`)],
  }));
  return { audience: 'staff', [Op.or]: [{ recipientUserId: user.id }, ...byRole] };
}

/** GET /api/notifications — my messages, newest first (the mini program's timeline; staff alerts). */
router.get(
  '/notifications',
  authenticated(),
  validate({ query: myNotificationsQuery }),
  async (ctx: AuthedContext<{ query: MyNotificationsQuery }>) => {
    const { page, pageSize, applicationId } = ctx.state.input.query;
    const where: WhereOptions<OutboxMessage> = { [Op.and]: [mine(ctx.state.user), ...(applicationId ? [{ applicationId }] : [])] };
    const { rows, count } = await OutboxMessage.findAndCountAll({
      where,
      order: [['id', 'DESC']],
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    ctx.body = { data: rows.map(presentNotification), meta: { page, pageSize, total: count } };
  },
);

const ADMIN_ONLY = '仅系统管理员可查看推送记录';

/** GET /api/admin/notifications — every notification with its delivery state and WeChat error codes. */
router.get(
  '/admin/notifications',
  authenticated('staff'),
  validate({ query: adminNotificationsQuery }),
  async (ctx: AuthedContext<{ query: AdminNotificationsQuery }>) => {
    authorizeAdmin(ctx.state.user, ADMIN_ONLY);
    const { page, pageSize, status, audience, number, event } = ctx.state.input.query;
    const filters: WhereOptions<OutboxMessage>[] = [];
    if (status.length) {
      filters.push({ status: { [Op.in]: status } });
    }
    if (audience) {
      filters.push({ audience });
    }
    if (event) {
      filters.push({ event });
    }
    if (number) {
      filters.push(sqlWhere(col('payload'), Op.like, `%"number":"${number.replace(/[%_"\\]/g, '')}%`));
    }
    const where: WhereOptions<OutboxMessage> = { [Op.and]: filters };
    const [{ rows, count }, byStatus] = await Promise.all([
      OutboxMessage.findAndCountAll({ where, order: [['id', 'DESC']], limit: pageSize, offset: (page - 1) * pageSize }),
      OutboxMessage.findAll({
        attributes: ['status', [fn('COUNT', col('id')), 'count']],
        group: ['status'],
        raw: true,
      }) as unknown as Promise<{ status: NotificationStatus; count: number | string }[]>,
    ]);
    const meta: SentNotificationsMeta = {
      page,
      pageSize,
      total: count,
      byStatus: byStatus.map((s) => ({
        status: s.status,
        label: NOTIFICATION_STATUS_LABELS[s.status] ?? s.status,
        count: Number(s.count),
      })),
    };
    ctx.body = { data: await presentForAdmin(rows), meta };
  },
);

/**
 * POST /api/admin/notifications/:id/resend — send a failed (or only recorded) notification again.
 * A person decides this: a failure marked uncertain may already have reached the user.
 */
router.post(
  '/admin/notifications/:id/resend',
  authenticated('staff'),
  validate({ params: idParams }),
  transaction(),
  async (ctx: AuthedContext<{ params: IdParams }>) => {
    authorizeAdmin(ctx.state.user, ADMIN_ONLY);
    const t = ctx.state.transaction;
    if (!t) {
      throw new Error('transaction middleware missing');
    }
    const row = await OutboxMessage.findByPk(ctx.state.input.params.id, { transaction: t });
    if (!row) {
      throw new NotFoundError('未找到该推送记录');
    }
    const [updated] = await OutboxMessage.update(
      { status: 'pending', nextAttemptAt: new Date(), lockedBy: null, lockedUntil: null },
      { where: { id: row.id, status: { [Op.in]: ['failed', 'recorded'] } }, transaction: t },
    );
    if (updated !== 1) {
      throw new AppError('CONFLICT', '只有推送失败或仅站内显示的记录可以重发');
    }
    await recordAudit(
      {
        actorUserId: ctx.state.user.id,
        action: 'notification.resend',
        targetType: 'outbox',
        targetId: row.id,
        data: { previous: row.status },
        ip: ctx.ip,
      },
      t,
    );
    await row.reload({ transaction: t });
    ctx.body = { data: (await presentForAdmin([row]))[0] };
  },
);

/** The applicant's SMS choice, and the messages that go by SMS whatever they choose. */
async function smsPreference(userId: number, t?: Transaction): Promise<SmsPreferenceView> {
  const user = await User.findByPk(userId, { transaction: t });
  if (!user) {
    throw new NotFoundError('用户不存在');
  }
  return {
    smsEnabled: user.smsEnabled,
    hasMobile: isMobilePhone(user.phone?.trim() ?? ''),
    mustReach: MUST_REACH_EVENTS.map((e) => NOTIFICATION_TEXTS[e].title),
  };
}

/** GET /api/notifications/sms-preference — whether I receive progress SMS (applicants). */
router.get('/notifications/sms-preference', authenticated('applicant'), async (ctx: AuthedContext) => {
  ctx.body = { data: await smsPreference(ctx.state.user.id) };
});

/** PUT /api/notifications/sms-preference — turn progress SMS on or off; must-reach messages still come. */
router.put(
  '/notifications/sms-preference',
  authenticated('applicant'),
  validate({ body: smsPreferenceSchema }),
  transaction(),
  async (ctx: AuthedContext<{ body: SmsPreferenceInput }>) => {
    const t = ctx.state.transaction!;
    await User.update({ smsEnabled: ctx.state.input.body.smsEnabled }, { where: { id: ctx.state.user.id }, transaction: t });
    ctx.body = { data: await smsPreference(ctx.state.user.id, t) };
  },
);

export default router;
