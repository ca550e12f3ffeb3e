import { closingActions, constructionActions, intakeActions, paymentActions } from './actions';
import { meterActions } from './meter';
import { STATES } from './states';
import type { FlowDef, StateKey } from './types';

const STEPS: readonly StateKey[] = ['submitted', 'surveying', 'payment', 'construction', 'acceptance', 'handover', 'completed'];

/** The resident flow (居民用户报装), workflow version 1. */
export const RESIDENT_FLOW: FlowDef = {
  key: 'resident',
  label: '居民用户报装',
  version: 1,
  route: 'standard',
  steps: STEPS,
  // No sheet step of its own: the sheet is printed for construction.
  sheetSteps: ['construction', 'acceptance', 'handover'],
  waterOnStep: 'acceptance',
  states: Object.fromEntries(([...STEPS, 'returned', 'leader_approval', 'withdrawn'] as StateKey[]).map((key) => [key, STATES[key]])),
  actions: [
    ...intakeActions('resident'),
    ...paymentActions('resident'),
    ...constructionActions(),
    ...meterActions(),
    ...closingActions('resident'),
  ],
};
