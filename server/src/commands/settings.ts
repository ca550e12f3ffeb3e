import type { Transaction } from 'sequelize';
import { DEFAULT_CONTRACT_STAGES, type FlowKey, type StaffRole, type StateKey, type Threshold, type ThresholdUnit } from '@wc/shared';
import { selectRows } from '../db/selectRows';
import { cachedSetting } from '../db/settingsCache';
import type { WorkCalendar } from '../lib/deadlines';
import { CalendarEntry, ContractStageSetting, StepSetting } from '../models';
import type { ContractStageSnapshot } from '../models/Contract';

export interface StepConfig {
  threshold: Threshold | null;
  defaultAssigneeId: number | null;
}

interface StepSettingRow {
  state: StateKey;
  threshold_value: number | null;
  threshold_unit: ThresholdUnit;
  default_assignee_id: number | null;
}

/**
 * Threshold and default assignee of every configured step of a flow. Every action reads them (its
 * next step's deadline and assignee): hand-written.
 */
export function stepConfigs(flow: FlowKey, t?: Transaction): Promise<ReadonlyMap<StateKey, StepConfig>> {
  return cachedSetting('step_settings', flow, t, () => readStepConfigs(flow, t));
}

async function readStepConfigs(flow: FlowKey, t?: Transaction): Promise<Map<StateKey, StepConfig>> {
  const rows = await selectRows<StepSettingRow>(
    StepSetting,
    'SELECT state, threshold_value, threshold_unit, default_assignee_id FROM step_settings WHERE flow = ?',
    [flow],
    t,
  );
  return new Map(
    rows.map((r) => [
      r.state,
      {
        threshold: r.threshold_value !== null && r.threshold_value > 0 ? { value: r.threshold_value, unit: r.threshold_unit } : null,
        defaultAssigneeId: r.default_assignee_id,
      },
    ]),
  );
}

/** The seven contract approval stages as currently configured (defaults when never configured). */
export async function contractStages(t?: Transaction): Promise<ContractStageSnapshot[]> {
  const rows = await ContractStageSetting.findAll({ order: [['position', 'ASC']], transaction: t });
  if (rows.length === 0) {
    return DEFAULT_CONTRACT_STAGES.map((s) => ({ name: s.name, role: s.role as StaffRole }));
  }
  return rows.map((r) => ({ name: r.name, role: r.role }));
}

/**
 * Every entered calendar day. A few dozen rows a year, needed by every transition that may compute
 * a due time: kept in the process under the calendar's version (db/settingsCache.ts), so a change
 * saved by one server process counts in every other at once.
 */
export function loadCalendar(t?: Transaction): Promise<WorkCalendar> {
  return cachedSetting('work_calendar', '', t, async () => {
    const rows = await CalendarEntry.findAll({ attributes: ['date', 'kind'], transaction: t });
    return new Map(rows.map((r) => [r.date, r.kind]));
  });
}
