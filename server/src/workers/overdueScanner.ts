import { Op, UniqueConstraintError, literal, type WhereOptions } from 'sequelize';
import { ROLE_LABELS, STATES, type ActorRole, type StateKey } from '@wc/shared';
import { withTransaction } from '../db/transaction';
import { queueMessage, staffDueSoon, staffEscalated, staffOverdue, type QueuedMessage } from '../commands/workflow/outbox';
import { Application, OverdueAlert, User } from '../models';
import type { OverdueAlertKind } from '../models/OverdueAlert';
import { services } from '../services';

const TERMINAL = (Object.keys(STATES) as StateKey[]).filter((s) => STATES[s].terminal);

/** 即将超时 once this share of the step's time (from entering it to its due time) has passed. */
export const DUE_SOON_SHARE = 0.8;
/** 超时升级 to 领导 once a step has been overdue this long. */
export const ESCALATE_AFTER_MS = 24 * 3600 * 1000;

/** A staff member's step (not the applicant's), still running, with a due time. */
const staffStep: WhereOptions<Application> = {
  state: { [Op.notIn]: TERMINAL },
  currentRole: { [Op.and]: [{ [Op.ne]: null }, { [Op.ne]: 'applicant' }] },
};

/** Leaves out steps that already have this kind of alert (a plain anti-join; the unique index still decides races). */
const notYet = (kind: OverdueAlertKind) =>
  literal(
    'NOT EXISTS (SELECT 1 FROM overdue_alerts AS raised WHERE raised.application_id = Application.id' +
      ' AND raised.state = Application.state AND raised.step_started_at = Application.state_entered_at' +
      ` AND raised.kind = '${kind}')`,
  );

const labelOf = (state: string) => STATES[state as StateKey]?.label ?? state;

/**
 * Raises a step's deadline alerts, each once: 即将超时 to its handler at 80 % of the time allowed,
 * 办理超时 to its handler when the time is up, 超时升级 to 领导 a day after that. Handler: the
 * assignee, or everyone holding the step's role while nobody is assigned. Each alert and its outbox
 * row are written together with a row whose unique index names the step and the kind, so however
 * many scanners run, the second one's insert fails and it writes nothing. Deadlines come from the
 * application's stored due time (server/src/lib/deadlines.ts: working days, holidays, 调休).
 */
export async function scanOverdue(now = new Date(), limit = 500): Promise<number> {
  let raised = 0;

  const overdue = await Application.findAll({
    where: { [Op.and]: [staffStep, { dueAt: { [Op.lt]: now } }, notYet('overdue')] },
    order: [['dueAt', 'ASC']],
    limit,
  });
  for (const app of overdue) {
    raised += await raise(app, 'overdue', staffOverdue(app, { stateLabel: labelOf(app.state), enteredAt: app.stateEnteredAt, now }));
  }

  const late = await Application.findAll({
    where: { [Op.and]: [staffStep, { dueAt: { [Op.lt]: new Date(now.getTime() - ESCALATE_AFTER_MS) } }, notYet('escalated')] },
    order: [['dueAt', 'ASC']],
    limit,
  });
  const handlers = await handlerNames(late);
  for (const app of late) {
    const handler = handlers.get(app.id) ?? '未指定';
    raised += await raise(app, 'escalated', staffEscalated(app, { stateLabel: labelOf(app.state), dueAt: app.dueAt ?? now, now, handler }));
  }

  // Not yet overdue: those whose 80 % point has passed. The share is of the step's own window, so it
  // follows whatever the deadline counted (working days, holidays) without recomputing it here.
  const running = await Application.findAll({
    where: { [Op.and]: [staffStep, { dueAt: { [Op.gte]: now } }, notYet('due_soon')] },
    order: [['dueAt', 'ASC']],
    limit,
  });
  for (const app of running) {
    const due = app.dueAt;
    if (!due) {
      continue;
    }
    const start = app.stateEnteredAt.getTime();
    if (start + (due.getTime() - start) * DUE_SOON_SHARE > now.getTime()) {
      continue;
    }
    raised += await raise(app, 'due_soon', staffDueSoon(app, { stateLabel: labelOf(app.state), dueAt: due, now }));
  }
  return raised;
}

/** Who has each late step, for the leader's message: the assignee's name, else the role's. */
async function handlerNames(apps: Application[]): Promise<Map<number, string>> {
  const ids = [...new Set(apps.map((a) => a.currentAssigneeId).filter((id): id is number => id !== null))];
  const users = ids.length > 0 ? await User.findAll({ attributes: ['id', 'displayName'], where: { id: { [Op.in]: ids } } }) : [];
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  return new Map(
    apps.map((a) => [
      a.id,
      (a.currentAssigneeId ? names.get(a.currentAssigneeId) : undefined) ??
        `${ROLE_LABELS[a.currentRole as ActorRole] ?? a.currentRole ?? ''}（未指定人员）`,
    ]),
  );
}

/** Writes one alert and its message; 0 when another scanner raised it first. */
async function raise(app: Application, kind: OverdueAlertKind, message: QueuedMessage): Promise<number> {
  try {
    await withTransaction(services().sequelize, async (t) => {
      const alert = await OverdueAlert.create(
        { applicationId: app.id, state: app.state, stepStartedAt: app.stateEnteredAt, kind, outboxId: null },
        { transaction: t },
      );
      const outboxId = await queueMessage(message, t);
      await alert.update({ outboxId }, { transaction: t });
    });
    return 1;
  } catch (error) {
    if (error instanceof UniqueConstraintError) {
      return 0;
    }
    throw error;
  }
}
