import { closingActions, constructionActions, intakeActions } from './actions';
import { meterActions } from './meter';
import { STATES } from './states';
import type { FlowDef, StateKey } from './types';

/**
 * 居民快速通道 (“三零” small connection): the utility bears the cost, so there is no payment step;
 * the survey leads straight to construction, and acceptance completes the application (no handover
 * step: the meter is the customer's at acceptance).
 */
const STEPS: readonly StateKey[] = ['submitted', 'surveying', 'construction', 'acceptance', 'completed'];

/** The resident flow's fast route (居民快速通道), workflow version 2. */
export const RESIDENT_FAST_FLOW: FlowDef = {
  key: 'resident',
  label: '居民快速通道',
  version: 2,
  route: 'fast',
  steps: STEPS,
  sheetSteps: ['construction', 'acceptance'],
  waterOnStep: 'acceptance',
  states: Object.fromEntries(([...STEPS, 'returned', 'withdrawn'] as StateKey[]).map((key) => [key, STATES[key]])),
  actions: [
    ...intakeActions('resident', { afterSurvey: 'construction' }),
    ...constructionActions(),
    ...meterActions(),
    ...closingActions('resident', { afterAcceptance: 'completed' }),
  ],
};
