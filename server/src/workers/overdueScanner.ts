import { Op, UniqueConstraintError } from 'sequelize';
import { STATES, type StateKey } from '@wc/shared';
import { withTransaction } from '../db/transaction';
import { queueMessage, staffOverdue } from '../commands/workflow/outbox';
import { Application, OverdueAlert } from '../models';
import { services } from '../services';

const TERMINAL = (Object.keys(STATES) as StateKey[]).filter((s) => STATES[s].terminal);

const stepKey = (applicationId: number, state: string, startedAt: Date) => `${applicationId}|${state}|${startedAt.getTime()}`;

/**
 * Raises one "overdue" alert (办理超时) per overdue step to its assignee (or, unassigned, to the step's
 * role). The alert and its outbox row are written together with a row whose unique index names the
 * step, so however many scanners run, the second one's insert fails and it writes nothing.
 */
export async function scanOverdue(now = new Date(), limit = 500): Promise<number> {
  const apps = await Application.findAll({
    where: {
      dueAt: { [Op.lt]: now },
      state: { [Op.notIn]: TERMINAL },
      currentRole: { [Op.and]: [{ [Op.ne]: null }, { [Op.ne]: 'applicant' }] },
    },
    order: [['dueAt', 'ASC']],
    limit,
  });
  if (apps.length === 0) {
    return 0;
  }
  const known = new Set(
    (await OverdueAlert.findAll({ where: { applicationId: { [Op.in]: apps.map((a) => a.id) } } })).map((a) =>
      stepKey(a.applicationId, a.state, a.stepStartedAt),
    ),
  );
  let raised = 0;
  for (const app of apps) {
    if (known.has(stepKey(app.id, app.state, app.stateEnteredAt))) {
      continue;
    }
    try {
      await withTransaction(services().sequelize, async (t) => {
        const alert = await OverdueAlert.create(
          { applicationId: app.id, state: app.state, stepStartedAt: app.stateEnteredAt, outboxId: null },
          { transaction: t },
        );
        const label = STATES[app.state]?.label ?? app.state;
        const outboxId = await queueMessage(staffOverdue(app, { stateLabel: label, enteredAt: app.stateEnteredAt, now }), t);
        await alert.update({ outboxId }, { transaction: t });
      });
      raised += 1;
    } catch (error) {
      if (!(error instanceof UniqueConstraintError)) {
        throw error;
      }
    }
  }
  return raised;
}
