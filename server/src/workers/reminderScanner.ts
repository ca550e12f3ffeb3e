import { Op, UniqueConstraintError, literal, type WhereOptions } from 'sequelize';
import {
  STATES,
  STATE_KEYS,
  amountDue,
  approximateHours,
  describeThreshold,
  remindersOf,
  remindsCustomer,
  type FlowKey,
  type StateKey,
  type Threshold,
} from '@wc/shared';
import { withTransaction } from '../db/transaction';
import { customerReminder, queueMessage } from '../commands/workflow/outbox';
import { loadCalendar } from '../commands/settings';
import { notificationSender } from '../commands/utilityProfile';
import { dueAt } from '../lib/deadlines';
import { Application, Contract, CustomerReminder, StepSetting } from '../models';
import { services } from '../services';

const HOUR_MS = 3600 * 1000;
const CUSTOMER_STATES = STATE_KEYS.filter(remindsCustomer);
const FLOWS: readonly FlowKey[] = ['enterprise', 'resident'];

/** The reminders each customer-clock step of each flow sends, as configured (else the defaults). */
async function reminderSettings(): Promise<Map<string, readonly Threshold[]>> {
  const rows = await StepSetting.findAll({ where: { state: { [Op.in]: CUSTOMER_STATES } } });
  const stored = new Map(rows.map((r) => [`${r.flow}.${r.state}`, r.reminders]));
  const result = new Map<string, readonly Threshold[]>();
  for (const flow of FLOWS) {
    for (const state of CUSTOMER_STATES) {
      const list = remindersOf(flow, state, stored.get(`${flow}.${state}`));
      if (list.length > 0) {
        result.set(`${flow}.${state}`, list);
      }
    }
  }
  return result;
}

/**
 * Applications that may owe a reminder: per step with reminders, waiting at least as long as its
 * first threshold could be (a working day is never shorter than 24 hours) and with fewer reminders
 * sent for this visit than the step has. So steps whose reminders are all sent are not read again.
 */
function candidates(settings: Map<string, readonly Threshold[]>, now: Date): WhereOptions<Application> {
  const or: WhereOptions<Application>[] = [];
  for (const [key, list] of settings) {
    const [flow, state] = key.split('.') as [FlowKey, StateKey];
    const first = list[0];
    if (!first) {
      continue;
    }
    const earliest = new Date(now.getTime() - approximateHours(first) * HOUR_MS);
    or.push({
      [Op.and]: [
        { flow, state, stateEnteredAt: { [Op.lte]: earliest } },
        literal(
          `(SELECT COUNT(*) FROM customer_reminders r WHERE r.application_id = Application.id AND r.state = Application.state AND r.step_started_at = Application.state_entered_at) < ${list.length}`,
        ),
      ],
    });
  }
  return { [Op.or]: or };
}

/**
 * 催办提醒: while a step waits on the customer (待用户确认, 已退回, 缴费, 待上传签字合同, 待确认设计变更),
 * each reminder threshold passed sends the applicant one reminder through the outbox. A row per
 * visit and threshold, unique, is written with the outbox row, so however many scanners run each
 * reminder goes out once; a scanner that was down sends only the latest one due (the ones it
 * skipped are marked as passed, without a message).
 */
export async function scanReminders(now = new Date(), limit = 500): Promise<number> {
  const settings = await reminderSettings();
  if (settings.size === 0) {
    return 0;
  }
  const apps = await Application.findAll({ where: candidates(settings, now), order: [['stateEnteredAt', 'ASC']], limit });
  if (apps.length === 0) {
    return 0;
  }
  const ids = apps.map((a) => a.id);
  const [sent, contracts, calendar, sender] = await Promise.all([
    CustomerReminder.findAll({ where: { applicationId: { [Op.in]: ids } } }),
    Contract.findAll({ attributes: ['applicationId', 'amount'], where: { applicationId: { [Op.in]: ids } } }),
    loadCalendar(),
    notificationSender(),
  ]);
  const done = new Set(sent.map((r) => `${r.applicationId}|${r.state}|${r.stepStartedAt.getTime()}|${r.ordinal}`));
  const contractAmount = new Map(contracts.map((c) => [c.applicationId, c.amount]));
  let raised = 0;
  for (const app of apps) {
    const list = settings.get(`${app.flow}.${app.state}`) ?? [];
    const visit = `${app.id}|${app.state}|${app.stateEnteredAt.getTime()}`;
    const passed = list
      .map((threshold, index) => ({ threshold, ordinal: index + 1, at: dueAt(app.stateEnteredAt, threshold, calendar) }))
      .filter((r) => r.at !== null && r.at.getTime() <= now.getTime() && !done.has(`${visit}|${r.ordinal}`));
    const latest = passed[passed.length - 1];
    if (!latest) {
      continue;
    }
    const def = STATES[app.state];
    try {
      await withTransaction(services().sequelize, async (t) => {
        for (const skipped of passed.slice(0, -1)) {
          await CustomerReminder.create(
            { applicationId: app.id, state: app.state, stepStartedAt: app.stateEnteredAt, ordinal: skipped.ordinal, outboxId: null },
            { transaction: t },
          );
        }
        const row = await CustomerReminder.create(
          { applicationId: app.id, state: app.state, stepStartedAt: app.stateEnteredAt, ordinal: latest.ordinal, outboxId: null },
          { transaction: t },
        );
        const amount = def.awaitsPayment ? amountDue({ contractAmount: contractAmount.get(app.id), budgetTotal: app.budgetTotal }) : null;
        const outboxId = await queueMessage(
          customerReminder(app, {
            state: app.state,
            customerLabel: def.customerLabel,
            waited: describeThreshold(latest.threshold),
            ordinal: latest.ordinal,
            amount,
            at: now,
            sender,
          }),
          t,
        );
        await row.update({ outboxId }, { transaction: t });
      });
      raised += 1;
    } catch (error) {
      // Another scanner wrote this reminder first: it is sent once.
      if (!(error instanceof UniqueConstraintError)) {
        throw error;
      }
    }
  }
  return raised;
}
