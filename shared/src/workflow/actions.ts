import type { ActionDef, FlowKey, StateKey } from './types';

/**
 * The actions of both flows. Where the flows differ only in where an action leads, `next` picks the
 * target per flow; actions that exist in one flow only are listed in that flow's file.
 */
function next(flow: FlowKey, enterprise: StateKey, resident: StateKey): StateKey {
  return flow === 'enterprise' ? enterprise : resident;
}

/** Review, dispatch, survey: the start of both flows. */
export function intakeActions(flow: FlowKey): ActionDef[] {
  const afterReview = next(flow, 'dispatching', 'surveying');
  return [
    {
      key: 'approve',
      label: '审核通过',
      from: ['submitted'],
      roles: ['reviewer'],
      to: [{ to: afterReview }],
      notify: 'accepted',
      tone: 'primary',
    },
    {
      key: 'return',
      label: '退回',
      from: ['submitted'],
      roles: ['reviewer'],
      to: [{ to: 'returned' }],
      commentRequired: true,
      notify: 'returned',
      tone: 'danger',
    },
    {
      key: 'resubmit',
      label: '重新提交',
      from: ['returned'],
      roles: ['applicant', 'window_clerk'],
      // Window applications were checked at the window: they go straight back to dispatch.
      to: [{ when: 'windowChannel', to: afterReview }, { to: 'submitted' }],
      notify: 'submitted',
      tone: 'primary',
    },
    {
      key: 'withdraw',
      label: '撤销申请',
      from: flow === 'enterprise' ? ['submitted', 'returned', 'dispatching'] : ['submitted', 'returned'],
      roles: ['applicant', 'window_clerk'],
      to: [{ to: 'withdrawn' }],
      notify: 'withdrawn',
      tone: 'danger',
    },
    {
      key: 'submit_survey',
      label: '提交勘察方案',
      from: ['surveying'],
      roles: ['surveyor'],
      requiresNew: ['site_photo', 'scheme_sketch', 'signed_scheme'],
      takes: ['site_photo', 'scheme_sketch', 'signed_scheme'],
      to: [{ to: next(flow, 'designing', 'payment') }],
      notify: 'scheme_ready',
      tone: 'primary',
    },
  ];
}

/** Payment with the leader's approval to proceed unpaid (缴费). */
export function paymentActions(flow: FlowKey): ActionDef[] {
  const afterPayment = next(flow, 'dispatch_sheet', 'construction');
  return [
    {
      key: 'record_payment',
      label: '登记已缴费',
      from: ['payment', 'leader_approval'],
      roles: ['cashier'],
      requiresNew: ['payment_receipt'],
      takes: ['payment_receipt'],
      effects: ['markPaid'],
      to: [{ to: afterPayment }],
      notify: 'payment_recorded',
      tone: 'primary',
    },
    {
      key: 'request_leader_approval',
      label: '未缴费，申请领导同意先施工',
      from: ['payment'],
      roles: ['cashier'],
      commentRequired: true,
      to: [{ to: 'leader_approval' }],
    },
    {
      key: 'leader_approve',
      label: '领导同意先施工',
      from: ['leader_approval'],
      roles: ['leader'],
      effects: ['markUnpaidApproved'],
      to: [{ to: afterPayment }],
      notify: flow === 'resident' ? 'construction_started' : undefined,
      tone: 'primary',
    },
    {
      key: 'leader_reject',
      label: '领导不同意',
      from: ['leader_approval'],
      roles: ['leader'],
      commentRequired: true,
      to: [{ to: 'payment' }],
      tone: 'danger',
    },
  ];
}

/** Construction photos (进场, 完工, 通水) and the way on to acceptance. */
export function constructionActions(): ActionDef[] {
  return [
    {
      key: 'entry_photos',
      label: '上传进场照片',
      from: ['construction'],
      roles: ['constructor'],
      record: true,
      requiresNew: ['entry_photo'],
      takes: ['entry_photo'],
      to: [{ to: 'stay' }],
    },
    {
      key: 'completion_photos',
      label: '上传完工照片',
      from: ['construction'],
      roles: ['constructor'],
      record: true,
      guards: ['entryPhotosDone'],
      requiresNew: ['completion_photo'],
      takes: ['completion_photo'],
      to: [{ to: 'stay' }],
    },
    {
      key: 'water_on_photos',
      label: '上传通水照片',
      from: ['construction'],
      roles: ['constructor'],
      record: true,
      guards: ['completionPhotosDone'],
      requiresNew: ['water_on_photo'],
      takes: ['water_on_photo'],
      to: [{ to: 'stay' }],
      notify: 'water_on',
    },
    {
      key: 'submit_construction',
      label: '施工完成，提交验收',
      from: ['construction'],
      roles: ['constructor'],
      guards: ['constructionPhotosDone'],
      to: [{ to: 'acceptance' }],
      tone: 'primary',
    },
  ];
}

/** Acceptance and handover (验收, 移交). */
export function closingActions(flow: FlowKey): ActionDef[] {
  return [
    {
      key: 'submit_acceptance',
      label: '提交验收',
      from: ['acceptance'],
      roles: ['acceptor'],
      requiresNew: ['acceptance_form', 'acceptance_photo'],
      takes: ['acceptance_form', 'acceptance_photo'],
      to: [{ to: 'handover' }],
      notify: 'accepted_check',
      tone: 'primary',
    },
    {
      key: 'submit_handover',
      label: '提交移交',
      from: ['handover'],
      roles: ['acceptor'],
      requiresNew: ['handover_form'],
      takes: ['handover_form'],
      to: [{ to: next(flow, 'as_built', 'completed') }],
      notify: flow === 'enterprise' ? 'handed_over' : 'completed',
      tone: 'primary',
    },
  ];
}
