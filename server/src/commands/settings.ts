import type { Transaction } from 'sequelize';
import { DEFAULT_CONTRACT_STAGES, type FlowKey, type StaffRole, type StateKey, type Threshold } from '@wc/shared';
import { readOnce } from '../db/transactionReads';
import { ContractStageSetting, StepSetting } from '../models';
import type { ContractStageSnapshot } from '../models/Contract';

export interface StepConfig {
  threshold: Threshold | null;
  defaultAssigneeId: number | null;
}

/** Threshold and default assignee of every configured step of a flow; read once per transaction. */
export async function stepConfigs(flow: FlowKey, t?: Transaction): Promise<Map<StateKey, StepConfig>> {
  const rows = await readOnce(t, StepSetting.tableName, flow, () => StepSetting.findAll({ where: { flow }, transaction: t }));
  return new Map(
    rows.map((r) => [
      r.state,
      {
        threshold: r.thresholdValue !== null && r.thresholdValue > 0 ? { value: r.thresholdValue, unit: r.thresholdUnit } : null,
        defaultAssigneeId: r.defaultAssigneeId,
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
