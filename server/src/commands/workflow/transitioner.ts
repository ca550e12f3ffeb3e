import type { Transaction } from 'sequelize';
import type { ActionKey } from '@wc/shared';
import type { AuthUser } from '../../context';
import type { ActionInputData } from './actionInput';
import { applyPlan, type AppliedAction } from './apply';
import { loadForAction } from './load';
import { planAction } from './plan';
import { currentTime } from '../../services';

export interface PerformAction {
  applicationId: number;
  action: ActionKey;
  actor: AuthUser;
  input: ActionInputData;
  /** The server's clock unless given (the seed and the report's tests act at chosen instants). */
  now?: Date;
}

/**
 * The one transition command, in the caller's transaction and in three steps: load (the application
 * locked, then its contract, current files and step settings, each read once), plan (a pure
 * function: the shared workflow's decision and every value to write), apply (the writes). A refusal
 * at any step throws, and the transaction leaves nothing behind.
 */
export async function performAction(params: PerformAction, t: Transaction): Promise<AppliedAction> {
  const loaded = await loadForAction(params.applicationId, params.action, params.actor, params.input, t);
  const plan = planAction(loaded, { action: params.action, actor: params.actor, input: params.input, now: params.now ?? currentTime() });
  return applyPlan(loaded, plan, t);
}
