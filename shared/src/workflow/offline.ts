import type { FormHint } from './catalogue';
import type { AvailableAction } from './transition';

/**
 * Forms that a phone may fill in without a connection and send later (the staff page's 待上传
 * queue): their input is a comment, a few typed fields and files of the action's own categories,
 * none of which depends on what the server would show at the time. Forms that look at server data
 * while being filled in (a decision on a file version, a contract, the dispatch sheet, assignees)
 * are not: replayed later they would decide on what the person never saw.
 */
export const OFFLINE_FORMS: readonly FormHint[] = ['comment', 'acceptance', 'handover'];

/** Whether `action` may be recorded offline and replayed when the connection returns. */
export function offlineCapable(action: Pick<AvailableAction, 'form' | 'decision'>): boolean {
  return OFFLINE_FORMS.includes(action.form) && action.decision === null;
}

/** The refusal shown when the application left the state the person saw before their action arrived. */
export function movedOnMessage(stateLabel: string, actionLabel: string): string {
  return `该申请已进入「${stateLabel}」环节，无法提交「${actionLabel}」`;
}
