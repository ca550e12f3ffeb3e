import { STATES, hasStaffDeadline, type StateKey } from '@wc/shared';
import { dueAt, type WorkCalendar } from '../../lib/deadlines';
import type { Application } from '../../models';
import type { ContractStageSnapshot } from '../../models/Contract';
import type { StepConfig } from '../settings';

export interface StepRouting {
  currentRole: string | null;
  currentAssigneeId: number | null;
  dueAt: Date | null;
}

/**
 * Who handles a step being entered and when it becomes overdue. The role comes from the definition
 * (for contract review: the stage's role); the assignee is the one chosen at dispatch, else the
 * configured default. Steps on the utility's clock, and customer-clock steps a staff member chases
 * (缴费, 待上传签字合同), get a due time.
 */
export function routeStep(
  app: Pick<Application, 'assignees' | 'applicantUserId'>,
  state: StateKey,
  enteredAt: Date,
  config: ReadonlyMap<StateKey, StepConfig>,
  contractStage: ContractStageSnapshot | null,
  calendar: WorkCalendar,
): StepRouting {
  const def = STATES[state];
  // A step waiting on an applicant who has no account (a window application) is the window's job.
  const handler = def.handlers[0] === 'applicant' && app.applicantUserId === null ? def.handlers[1] : def.handlers[0];
  const currentRole = handler === 'contract_stage_role' ? (contractStage?.role ?? null) : (handler ?? null);
  const step = config.get(state);
  const assignee = currentRole === 'applicant' || def.terminal ? null : (app.assignees[state] ?? step?.defaultAssigneeId ?? null);
  return {
    currentRole,
    currentAssigneeId: assignee,
    dueAt: hasStaffDeadline(state) ? dueAt(enteredAt, step?.threshold ?? null, calendar) : null,
  };
}
