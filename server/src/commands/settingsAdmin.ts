import { Op, type Transaction } from 'sequelize';
import {
  ROLE_LABELS,
  STATES,
  WORKFLOWS,
  CURRENT_WORKFLOW_VERSION,
  type ActorRole,
  type FlowKey,
  type StaffRole,
  type StateKey,
  type StepSettingView,
  type Threshold,
  type ThresholdUnit,
  approximateHours,
  hasStaffDeadline,
  remindersOf,
} from '@wc/shared';
import type { AuthUser } from '../context';
import { fieldError } from '../errors';
import { dueAt, type WorkCalendar } from '../lib/deadlines';
import { Application, ContractStageSetting, StepSetting, User, UserRole } from '../models';
import { setDueAt } from './applicationRows';
import { recordAudit } from './audit';
import { contractStages, loadCalendar } from './settings';

/** Every step of both flows with its threshold and default assignee, for the administration page. */
export async function listStepSettings(t?: Transaction): Promise<StepSettingView[]> {
  const rows = await StepSetting.findAll({ transaction: t });
  const users = await User.findAll({ attributes: ['id', 'displayName'], where: { kind: 'staff' }, transaction: t });
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  const views: StepSettingView[] = [];
  for (const flow of ['enterprise', 'resident'] as const) {
    const def = WORKFLOWS[flow][CURRENT_WORKFLOW_VERSION[flow]];
    if (!def) {
      continue;
    }
    for (const state of Object.keys(def.states) as StateKey[]) {
      const s = STATES[state];
      if (s.terminal) {
        continue;
      }
      const row = rows.find((r) => r.flow === flow && r.state === state);
      const handler = s.handlers[0] ?? null;
      views.push({
        flow,
        state,
        label: s.label,
        clock: s.clock,
        handlerRole: handler,
        handlerLabel: handler === 'contract_stage_role' ? '按审批环节' : handler ? (ROLE_LABELS[handler as ActorRole] ?? handler) : null,
        thresholdValue: row?.thresholdValue ?? null,
        thresholdUnit: row?.thresholdUnit ?? 'hours',
        defaultAssignee: row?.defaultAssigneeId ? { id: row.defaultAssigneeId, name: names.get(row.defaultAssigneeId) ?? '' } : null,
        chase: s.chase === true,
        reminders: s.clock === 'customer' ? [...remindersOf(flow, state, row?.reminders)] : null,
      });
    }
  }
  return views;
}

/**
 * Stores the due time of every application now in `state` of `flow` again, from when it entered the
 * step: after its threshold or the working-day calendar changed, so "overdue" stays a plain SQL
 * comparison.
 */
export async function recomputeDueTimes(
  flow: FlowKey,
  state: StateKey,
  threshold: Threshold | null,
  calendar: WorkCalendar,
  t: Transaction,
): Promise<void> {
  const running = await Application.findAll({ attributes: ['id', 'stateEnteredAt'], where: { flow, state }, transaction: t });
  for (const app of running) {
    await setDueAt(app.id, dueAt(app.stateEnteredAt, threshold, calendar), t);
  }
}

/**
 * Sets a step's threshold and default assignee. Running applications in that step get their due
 * time recomputed from when they entered it, so "overdue" stays a plain SQL comparison.
 */
export async function updateStepSetting(
  actor: AuthUser,
  flow: FlowKey,
  state: StateKey,
  input: { thresholdValue: number | null; thresholdUnit: ThresholdUnit; defaultAssigneeId: number | null; reminders?: Threshold[] },
  t: Transaction,
): Promise<void> {
  const def = STATES[state];
  if (def.terminal || !(state in (WORKFLOWS[flow][CURRENT_WORKFLOW_VERSION[flow]]?.states ?? {}))) {
    throw fieldError('state', '该步骤不存在');
  }
  if (input.thresholdValue !== null && !hasStaffDeadline(state)) {
    throw fieldError('thresholdValue', '等待用户的步骤不计超时');
  }
  if (input.reminders !== undefined && input.reminders.length > 0 && def.clock !== 'customer') {
    throw fieldError('reminders', '只有等待用户的步骤才提醒用户');
  }
  // Each reminder later than the one before: the second is the "again" of the first.
  for (const [index, reminder] of (input.reminders ?? []).entries()) {
    const before = input.reminders?.[index - 1];
    if (before && approximateHours(reminder) <= approximateHours(before)) {
      throw fieldError(`reminders.${index}.value`, `第${index + 1}次提醒应晚于第${index}次`);
    }
  }
  if (input.defaultAssigneeId !== null) {
    const handler = def.handlers[0];
    const ok =
      handler &&
      handler !== 'applicant' &&
      handler !== 'contract_stage_role' &&
      (await User.count({
        where: { id: input.defaultAssigneeId, kind: 'staff', enabled: true },
        include: [{ model: UserRole, as: 'roles', where: { role: handler }, required: true }],
        transaction: t,
      })) > 0;
    if (!ok) {
      throw fieldError('defaultAssigneeId', `默认办理人必须是在职的${handler ? (ROLE_LABELS[handler as ActorRole] ?? handler) : ''}`);
    }
  }
  // Reminders left out of the request stay as they are (null: the defaults).
  const { reminders, ...rest } = input;
  const values = reminders === undefined ? rest : { ...rest, reminders };
  const existing = await StepSetting.findOne({ where: { flow, state }, transaction: t });
  if (existing) {
    await existing.update(values, { transaction: t });
  } else {
    await StepSetting.create({ flow, state, ...values }, { transaction: t });
  }
  const threshold =
    input.thresholdValue !== null && input.thresholdValue > 0 ? { value: input.thresholdValue, unit: input.thresholdUnit } : null;
  await recomputeDueTimes(flow, state, threshold, await loadCalendar(t), t);
  await recordAudit({ actorUserId: actor.id, action: 'settings.step', targetType: 'step', targetId: `${flow}.${state}`, data: input }, t);
}

export { contractStages };

/** Renames or rebinds the seven contract approval stages; running contracts keep their snapshot. */
export async function updateContractStages(actor: AuthUser, stages: { name: string; role: StaffRole }[], t: Transaction): Promise<void> {
  await ContractStageSetting.destroy({ where: { position: { [Op.gte]: 1 } }, transaction: t });
  for (const [index, stage] of stages.entries()) {
    await ContractStageSetting.create({ position: index + 1, name: stage.name, role: stage.role }, { transaction: t });
  }
  await recordAudit({ actorUserId: actor.id, action: 'settings.contract_stages', targetType: 'contract_stages', data: { stages } }, t);
}
