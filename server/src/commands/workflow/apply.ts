import { Op, type Transaction } from 'sequelize';
import { chinaParts, formatContractNumber } from '@wc/shared';
import { Attachment, Contract, type Application } from '../../models';
import { updateApplication } from '../applicationRows';
import { nextCounterValue } from '../counters';
import type { CurrentFile } from './facts';
import { insertHistory, type AppendedEntry } from './history';
import type { LoadedApplication } from './load';
import { queueMessages } from './outbox';
import type { ActionPlan } from './plan';

/** The application as the action left it, with the rows it wrote: enough to present it without reading again. */
export interface AppliedAction {
  application: Application;
  contract: Contract | null;
  files: CurrentFile[];
  steps: LoadedApplication['steps'];
  history: AppendedEntry;
}

/**
 * Writes a plan in the caller's transaction: the application's new values (only while it still has
 * the version the plan was made on — two actions on one application can never both land), the
 * contract, the history entry, the files it took and its notifications. Any failure rolls all of
 * it back.
 */
export async function applyPlan(loaded: LoadedApplication, plan: ActionPlan, t: Transaction): Promise<AppliedAction> {
  const { app } = loaded;
  await updateApplication(app.id, plan.version, plan.application, t);
  let contract = loaded.contract;
  if (contract && plan.contract) {
    await contract.update(plan.contract, { transaction: t });
  }
  if (plan.newContract) {
    const at = plan.history.entry.at;
    const year = chinaParts(at).year;
    const number = formatContractNumber(year, await nextCounterValue(`YJ-GS-${year}`, t));
    contract = await Contract.create({ applicationId: app.id, number, ...plan.newContract }, { transaction: t });
  }
  const history = await insertHistory(plan.history, t);
  if (plan.takenFileIds.length) {
    await Attachment.update({ historyId: history.id }, { where: { id: { [Op.in]: plan.takenFileIds }, historyId: null }, transaction: t });
  }
  await queueMessages(
    plan.messages.map((m) => ({ ...m, historyId: history.id })),
    t,
  );
  app.set(plan.application);
  const taken = new Set(plan.takenFileIds);
  const files = loaded.files.map((f) => (taken.has(f.id) ? { ...f, history_id: history.id } : f));
  return { application: app, contract, files, steps: loaded.steps, history };
}
