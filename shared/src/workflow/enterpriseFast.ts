import { closingActions, constructionActions, intakeActions, paymentActions } from './actions';
import { STATES } from './states';
import { defineAction } from './define';
import { meterActions } from './meter';
import type { ActionDef, FlowDef, StateKey } from './types';

/**
 * 企业快速通道: small works the administrator's rules send down a shorter route (e.g. caliber ≤ DN40,
 * no external pipe works). One visit surveys and budgets; there is no dispatch (派工: each step's
 * default assignee takes it), no design, no contract and its approvals, no separate dispatch sheet
 * step, no as-built drawing and no settlement.
 */
const STEPS: readonly StateKey[] = [
  'submitted',
  'surveying',
  'confirming',
  'payment',
  'construction',
  'acceptance',
  'handover',
  'completed',
];

const FAST_ONLY: ActionDef[] = [
  defineAction('submit_survey_budget', {
    from: ['surveying'],
    roles: ['surveyor'],
    // After a rejected budget the survey's files may stay, but a new budget must be uploaded.
    requiresCurrent: ['site_photo', 'scheme_sketch', 'signed_scheme'],
    requiresNew: ['budget'],
    takes: ['site_photo', 'scheme_sketch', 'signed_scheme', 'budget'],
    to: [{ to: 'confirming' }],
    notify: 'budget_to_confirm',
    tone: 'primary',
  }),
  defineAction('confirm_budget', {
    from: ['confirming'],
    roles: ['applicant', 'window_clerk'],
    to: [{ to: 'payment' }],
    notify: 'payment_due',
    tone: 'primary',
  }),
  defineAction('reject_budget', {
    from: ['confirming'],
    roles: ['applicant', 'window_clerk'],
    commentRequired: true,
    to: [{ to: 'surveying' }],
    tone: 'danger',
  }),
];

/** The enterprise flow's fast route (企业快速通道), workflow version 2. */
export const ENTERPRISE_FAST_FLOW: FlowDef = {
  key: 'enterprise',
  label: '企业快速通道',
  version: 2,
  route: 'fast',
  steps: STEPS,
  // No sheet step of its own: the sheet is printed for construction.
  sheetSteps: ['construction', 'acceptance', 'handover'],
  waterOnStep: 'acceptance',
  states: Object.fromEntries(([...STEPS, 'returned', 'leader_approval', 'withdrawn'] as StateKey[]).map((key) => [key, STATES[key]])),
  actions: [
    ...intakeActions('enterprise', { afterReview: 'surveying', afterSurvey: null }),
    ...FAST_ONLY,
    ...paymentActions('enterprise', 'construction'),
    ...constructionActions(),
    // No dispatch sheet: the constructor records the meter at construction, as residents' are.
    ...meterActions(),
    ...closingActions('enterprise', { afterHandover: 'completed' }),
  ],
};
