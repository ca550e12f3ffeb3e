import Router from '@koa/router';
import { Op, type WhereOptions } from 'sequelize';
import { auditQuerySchema, type AuditQuery, type AuditVerifyView } from '@wc/shared';
import { verifyChains } from '../../commands/integrity';
import type { AppState, AuthedContext } from '../../context';
import { authenticated } from '../../middlewares/authenticated';
import { validate } from '../../middlewares/validate';
import { Application, AuditEvent, User } from '../../models';
import { authorizeAdmin } from '../../policies/admin';
import { presentAuditEvent } from '../../presenters/audit';
import { chinaDayEnd, chinaDayStart } from '../../lib/search';

const router = new Router<AppState>({ prefix: '/audit' });

function auditWhere(query: AuditQuery): WhereOptions<AuditEvent> {
  const and: WhereOptions<AuditEvent>[] = [];
  if (query.actor) {
    and.push({ actorUserId: query.actor });
  }
  if (query.action) {
    and.push({ action: query.action });
  }
  // Dates are the utility's (China) calendar days, `to` included.
  if (query.from) {
    and.push({ at: { [Op.gte]: chinaDayStart(query.from) } });
  }
  if (query.to) {
    and.push({ at: { [Op.lt]: chinaDayEnd(query.to) } });
  }
  return { [Op.and]: and };
}

/**
 * GET /api/audit — 审计日志 (administrators): who exported, changed users, settings, step thresholds,
 * the calendar, edited applications or resent messages; newest first, filtered by person, kind and
 * date. Names are looked up for the page only.
 */
router.get('/', authenticated('staff'), validate({ query: auditQuerySchema }), async (ctx: AuthedContext<{ query: AuditQuery }>) => {
  authorizeAdmin(ctx.state.user);
  const query = ctx.state.input.query;
  const where = auditWhere(query);
  const [total, events] = await Promise.all([
    AuditEvent.count({ where }),
    AuditEvent.findAll({ where, order: [['id', 'DESC']], limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
  ]);
  const userIds = new Set<number>();
  const applicationIds = new Set<number>();
  for (const e of events) {
    if (e.actorUserId !== null) {
      userIds.add(e.actorUserId);
    }
    if (e.targetType === 'user' && e.targetId) {
      userIds.add(Number(e.targetId));
    }
    if (e.targetType === 'application' && e.targetId) {
      applicationIds.add(Number(e.targetId));
    }
  }
  const [users, applications] = await Promise.all([
    userIds.size ? User.findAll({ attributes: ['id', 'displayName', 'username'], where: { id: [...userIds] } }) : [],
    applicationIds.size ? Application.findAll({ attributes: ['id', 'number'], where: { id: [...applicationIds] } }) : [],
  ]);
  const names = {
    users: new Map(users.map((u) => [u.id, { name: u.displayName, username: u.username }])),
    applications: new Map(applications.map((a) => [a.id, a.number])),
  };
  ctx.body = {
    data: events.map((e) => presentAuditEvent(e, names)),
    meta: { page: query.page, pageSize: query.pageSize, total },
  };
});

/**
 * GET /api/audit/verify — what `npm run audit:verify` checks, from the screen: every hash chain of
 * 报装记录 and of this log, end to end. Reads only; an administrator's click, not a polling target.
 */
router.get('/verify', authenticated('staff'), async (ctx: AuthedContext) => {
  authorizeAdmin(ctx.state.user);
  const started = Date.now();
  const { checked, problems } = await verifyChains();
  const view: AuditVerifyView = {
    checked,
    problems: problems.map((p) => ({ table: p.table, id: p.id, applicationId: p.applicationId ?? null, problem: p.problem })),
    tookMs: Date.now() - started,
    at: new Date().toISOString(),
  };
  ctx.body = { data: view };
});

export default router;
