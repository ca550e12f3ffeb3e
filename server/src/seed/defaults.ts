import { DEFAULT_CONTRACT_STAGES, DEFAULT_THRESHOLDS, type FlowKey, type StateKey } from '@wc/shared';
import { withTransaction } from '../db/transaction';
import { ContractStageSetting, StepSetting } from '../models';
import { services } from '../services';

/**
 * Settings every installation needs: step thresholds and the seven contract stages. Only missing
 * rows are written, so an administrator's changes survive restarts.
 */
export async function seedDefaults(): Promise<void> {
  await withTransaction(services().sequelize, async (t) => {
    const existing = new Set((await StepSetting.findAll({ transaction: t })).map((s) => `${s.flow}.${s.state}`));
    for (const flow of Object.keys(DEFAULT_THRESHOLDS) as FlowKey[]) {
      for (const [state, threshold] of Object.entries(DEFAULT_THRESHOLDS[flow]) as [
        StateKey,
        { value: number; unit: 'hours' | 'workdays' },
      ][]) {
        if (!existing.has(`${flow}.${state}`)) {
          await StepSetting.create(
            { flow, state, thresholdValue: threshold.value, thresholdUnit: threshold.unit, defaultAssigneeId: null },
            { transaction: t },
          );
        }
      }
    }
    if ((await ContractStageSetting.count({ transaction: t })) === 0) {
      for (const [index, stage] of DEFAULT_CONTRACT_STAGES.entries()) {
        await ContractStageSetting.create({ position: index + 1, name: stage.name, role: stage.role }, { transaction: t });
      }
    }
  });
}
