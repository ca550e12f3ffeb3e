import { defineAction } from './define';
import type { ActionDef, FlowKey, StateKey } from './types';

/**
 * The actions of both flows. Where the flows differ only in where an action leads, `next` picks the
 * target per flow; actions that exist in one flow only are listed in that flow's file.
 */
function next(flow: FlowKey, enterprise: StateKey, resident: StateKey): StateKey {
  return flow === 'enterprise' ? enterprise : resident;
}

/**
 * Where a route leads after its intake steps. The standard routes leave them out (the flow decides);
 * a fast route (快速通道) names its own: review straight to the survey, the survey on to a later step,
 * or no separate survey action at all (`afterSurvey: null`, the route has its own).
 */
export interface IntakeRoute {
  afterReview?: StateKey;
  afterSurvey?: StateKey | null;
}

/** Review, dispatch, survey: the start of both flows. */
export function intakeActions(flow: FlowKey, route: IntakeRoute = {}): ActionDef[] {
  const afterReview = route.afterReview ?? next(flow, 'dispatching', 'surveying');
  const afterSurvey = route.afterSurvey === undefined ? next(flow, 'designing', 'payment') : route.afterSurvey;
  return [
    defineAction('approve', {
      from: ['submitted'],
      roles: ['reviewer'],
      // The required 申请材料 (申请材料设置) must be there before the review accepts the application.
      guards: ['materialsComplete'],
      to: [{ to: afterReview }],
      notify: 'accepted',
      tone: 'primary',
    }),
    defineAction('return', {
      from: ['submitted'],
      roles: ['reviewer'],
      to: [{ to: 'returned' }],
      commentRequired: true,
      notify: 'returned',
      tone: 'danger',
    }),
    defineAction('resubmit', {
      from: ['returned'],
      roles: ['applicant', 'window_clerk'],
      guards: ['materialsComplete'],
      // Window applications were checked at the window: they go straight back to dispatch.
      to: [{ when: 'windowChannel', to: afterReview }, { to: 'submitted' }],
      notify: 'submitted',
      tone: 'primary',
    }),
    defineAction('withdraw', {
      // Until the work is dispatched (派工) the applicant may still withdraw.
      from: afterReview === 'dispatching' ? ['submitted', 'returned', 'dispatching'] : ['submitted', 'returned'],
      roles: ['applicant', 'window_clerk'],
      to: [{ to: 'withdrawn' }],
      notify: 'withdrawn',
      tone: 'danger',
    }),
    ...(afterSurvey === null
      ? []
      : [
          defineAction('submit_survey', {
            from: ['surveying'],
            roles: ['surveyor'],
            requiresNew: ['site_photo', 'scheme_sketch', 'signed_scheme'],
            takes: ['site_photo', 'scheme_sketch', 'signed_scheme'],
            to: [{ to: afterSurvey }],
            notify: 'scheme_ready',
            tone: 'primary',
          }),
        ]),
  ];
}

/** Payment with the leader's approval to proceed unpaid (缴费). */
export function paymentActions(flow: FlowKey, afterPayment: StateKey = next(flow, 'dispatch_sheet', 'construction')): ActionDef[] {
  return [
    defineAction('record_payment', {
      from: ['payment', 'leader_approval'],
      roles: ['cashier'],
      requiresNew: ['payment_receipt'],
      takes: ['payment_receipt'],
      to: [{ to: afterPayment }],
      notify: 'payment_recorded',
      tone: 'primary',
    }),
    defineAction('request_leader_approval', {
      from: ['payment'],
      roles: ['cashier'],
      commentRequired: true,
      to: [{ to: 'leader_approval' }],
    }),
    defineAction('leader_approve', {
      from: ['leader_approval'],
      roles: ['leader'],
      effects: ['markUnpaidApproved'],
      to: [{ to: afterPayment }],
      // Straight into construction (no dispatch sheet step, whose start says it): tell the applicant here.
      notify: afterPayment === 'construction' ? 'construction_started' : undefined,
      tone: 'primary',
    }),
    defineAction('leader_reject', {
      from: ['leader_approval'],
      roles: ['leader'],
      commentRequired: true,
      to: [{ to: 'payment' }],
      tone: 'danger',
    }),
  ];
}

/** Construction photos (进场, 完工, 通水) and the way on to acceptance. */
export function constructionActions(): ActionDef[] {
  return [
    defineAction('entry_photos', {
      from: ['construction'],
      roles: ['constructor'],
      record: true,
      requiresNew: ['entry_photo'],
      takes: ['entry_photo'],
      to: [{ to: 'stay' }],
    }),
    defineAction('completion_photos', {
      from: ['construction'],
      roles: ['constructor'],
      record: true,
      guards: ['entryPhotosDone'],
      requiresNew: ['completion_photo'],
      takes: ['completion_photo'],
      to: [{ to: 'stay' }],
    }),
    defineAction('water_on_photos', {
      from: ['construction'],
      roles: ['constructor'],
      record: true,
      guards: ['completionPhotosDone'],
      requiresNew: ['water_on_photo'],
      takes: ['water_on_photo'],
      to: [{ to: 'stay' }],
      notify: 'water_on',
    }),
    defineAction('submit_construction', {
      from: ['construction'],
      roles: ['constructor'],
      // The meter (a resident's 登记水表, an enterprise's dispatch sheet) is needed for 立户.
      guards: ['constructionPhotosDone', 'meterRecorded'],
      to: [{ to: 'acceptance' }],
      tone: 'primary',
    }),
  ];
}

/**
 * Acceptance and handover (验收, 移交). A fast route may end at acceptance (`afterAcceptance:
 * 'completed'`: no handover step) or hand over straight to completion.
 */
export function closingActions(flow: FlowKey, route: { afterAcceptance?: StateKey; afterHandover?: StateKey } = {}): ActionDef[] {
  const afterAcceptance = route.afterAcceptance ?? 'handover';
  const afterHandover = route.afterHandover ?? next(flow, 'as_built', 'completed');
  return [
    defineAction('submit_acceptance', {
      from: ['acceptance'],
      roles: ['acceptor'],
      requiresNew: ['acceptance_form', 'acceptance_photo'],
      takes: ['acceptance_form', 'acceptance_photo'],
      to: [{ to: afterAcceptance }],
      notify: afterAcceptance === 'completed' ? 'completed' : 'accepted_check',
      tone: 'primary',
    }),
    ...(afterAcceptance === 'handover'
      ? [
          defineAction('submit_handover', {
            from: ['handover'],
            roles: ['acceptor'],
            requiresNew: ['handover_form'],
            takes: ['handover_form'],
            to: [{ to: afterHandover }],
            notify: afterHandover === 'completed' ? 'completed' : 'handed_over',
            tone: 'primary',
          }),
        ]
      : []),
  ];
}
