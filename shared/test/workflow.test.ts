import {
  ENTERPRISE_FLOW,
  RESIDENT_FLOW,
  STAFF_ROLES,
  RATABLE_STATES,
  STATES,
  availableActions,
  initialState,
  transition,
  type ActorRole,
  type Actor,
  type FlowDef,
  type StaffRole,
  type StateKey,
  type WorkflowFacts,
} from '../src';

/**
 * The permission table of WORKFLOW.md, written out by hand: for each action, the states it may be
 * taken in and the roles that may take it. The definition must agree with it exactly, for every
 * state × action × role.
 */
type Row = { states: StateKey[]; roles: (ActorRole | 'stage')[] };

const COMMON: Record<string, Row> = {
  approve: { states: ['submitted'], roles: ['reviewer'] },
  return: { states: ['submitted'], roles: ['reviewer'] },
  resubmit: { states: ['returned'], roles: ['applicant', 'window_clerk'] },
  submit_survey: { states: ['surveying'], roles: ['surveyor'] },
  record_payment: { states: ['payment', 'leader_approval'], roles: ['cashier'] },
  request_leader_approval: { states: ['payment'], roles: ['cashier'] },
  leader_approve: { states: ['leader_approval'], roles: ['leader'] },
  leader_reject: { states: ['leader_approval'], roles: ['leader'] },
  entry_photos: { states: ['construction'], roles: ['constructor'] },
  completion_photos: { states: ['construction'], roles: ['constructor'] },
  water_on_photos: { states: ['construction'], roles: ['constructor'] },
  submit_construction: { states: ['construction'], roles: ['constructor'] },
  submit_acceptance: { states: ['acceptance'], roles: ['acceptor'] },
  submit_handover: { states: ['handover'], roles: ['acceptor'] },
};

const EXPECTED: Record<'enterprise' | 'resident', Record<string, Row>> = {
  enterprise: {
    ...COMMON,
    withdraw: { states: ['submitted', 'returned', 'dispatching'], roles: ['applicant', 'window_clerk'] },
    dispatch: { states: ['dispatching'], roles: ['tech_head'] },
    reject_dispatch: { states: ['dispatching'], roles: ['tech_head'] },
    submit_design: { states: ['designing'], roles: ['designer', 'budgeter'] },
    confirm_design: { states: ['confirming'], roles: ['applicant', 'window_clerk'] },
    reject_design: { states: ['confirming'], roles: ['applicant', 'window_clerk'] },
    save_contract: { states: ['contract_drafting'], roles: ['contract_clerk'] },
    submit_contract: { states: ['contract_drafting'], roles: ['contract_clerk'] },
    approve_stage: { states: ['contract_review'], roles: ['stage'] },
    reject_stage: { states: ['contract_review'], roles: ['stage'] },
    owner_approve: { states: ['contract_review', 'contract_rejected', 'contract_signing'], roles: ['contract_clerk'] },
    owner_reject: { states: ['contract_review', 'contract_rejected', 'contract_signing'], roles: ['contract_clerk'] },
    revise_contract: { states: ['contract_rejected'], roles: ['contract_clerk'] },
    terminate_contract: { states: ['contract_rejected'], roles: ['contract_clerk', 'applicant'] },
    upload_signed_contract: { states: ['contract_signing'], roles: ['contract_clerk'] },
    save_dispatch_sheet: { states: ['dispatch_sheet'], roles: ['tech_head', 'constructor'] },
    start_construction: { states: ['dispatch_sheet'], roles: ['tech_head', 'constructor'] },
    field_visa: { states: ['construction'], roles: ['constructor'] },
    design_change: { states: ['construction'], roles: ['constructor', 'designer', 'budgeter'] },
    confirm_change: { states: ['change_confirming'], roles: ['applicant', 'window_clerk'] },
    reject_change: { states: ['change_confirming'], roles: ['applicant', 'window_clerk'] },
    submit_as_built: { states: ['as_built'], roles: ['designer'] },
    skip_as_built: { states: ['as_built'], roles: ['designer'] },
    submit_settlement: { states: ['settlement'], roles: ['budgeter'] },
  },
  resident: {
    ...COMMON,
    withdraw: { states: ['submitted', 'returned'], roles: ['applicant', 'window_clerk'] },
    record_meter: { states: ['construction'], roles: ['constructor'] },
  },
};

const OWNER = 7;
const STAGE_ROLES: StaffRole[] = ['contract_approver', 'tech_head', 'budgeter', 'cashier', 'contract_approver', 'leader', 'leader'];

function facts(flow: FlowDef, state: StateKey, overrides: Partial<WorkflowFacts> = {}): WorkflowFacts {
  return {
    flow: flow.key,
    state,
    channel: 'online',
    applicantUserId: OWNER,
    newAttachments: [],
    currentAttachments: [],
    contract: { complete: true, ownerStatus: 'pending', stage: 3, stageRoles: STAGE_ROLES },
    dispatchSheetComplete: true,
    hadVisaOrChange: false,
    ...overrides,
  };
}

type Who = StaffRole | 'owner' | 'stranger';
const EVERYONE: Who[] = [...STAFF_ROLES, 'owner', 'stranger'];

function actor(who: Who): Actor {
  if (who === 'owner') {
    return { userId: OWNER, kind: 'applicant', roles: [] };
  }
  if (who === 'stranger') {
    return { userId: OWNER + 1, kind: 'applicant', roles: [] };
  }
  return { userId: 100, kind: 'staff', roles: [who] };
}

function expectedRoleAllows(row: Row, who: Who): boolean {
  return row.roles.some((r) => (r === 'applicant' ? who === 'owner' : r === 'stage' ? who === STAGE_ROLES[2] : r === who));
}

describe.each([ENTERPRISE_FLOW, RESIDENT_FLOW])('$label: who may do what, in which state', (flow) => {
  const expected = EXPECTED[flow.key];

  it('has exactly the actions of the table', () => {
    expect(flow.actions.map((a) => a.key).sort()).toEqual(Object.keys(expected).sort());
  });

  const states = Object.keys(flow.states) as StateKey[];
  const cases = states.flatMap((state) => flow.actions.flatMap((action) => EVERYONE.map((who) => [state, action.key, who] as const)));

  it(`answers ${cases.length} state × action × role cases as the table says`, () => {
    const mismatches: string[] = [];
    for (const [state, key, who] of cases) {
      const row = expected[key];
      if (!row) {
        mismatches.push(`${key}: not in table`);
        continue;
      }
      // Guards and attachments satisfied, comment given: only state and role decide.
      const f = facts(flow, state, {
        newAttachments: [
          'site_photo',
          'scheme_sketch',
          'signed_scheme',
          'budget',
          'signed_contract',
          'payment_receipt',
          'entry_photo',
          'completion_photo',
          'water_on_photo',
          'visa',
          'design_change',
          'change_budget',
          'acceptance_form',
          'acceptance_photo',
          'handover_form',
          'as_built_drawing',
          'settlement_doc',
        ],
        currentAttachments: ['construction_drawing', 'construction_drawing_pdf', 'entry_photo', 'completion_photo', 'water_on_photo'],
        contract: { complete: true, ownerStatus: 'approved', stage: 3, stageRoles: STAGE_ROLES },
      });
      const result = transition(flow, f, key, actor(who), { comment: '意见' });
      const stateOk = row.states.includes(state);
      const roleOk = expectedRoleAllows(row, who);
      const expectedCode = !stateOk ? 'ACTION_NOT_ALLOWED' : !roleOk ? 'FORBIDDEN' : null;
      const actualCode = result.ok ? null : result.refusal.code;
      if (expectedCode !== actualCode) {
        mismatches.push(`${state} × ${key} × ${who}: expected ${expectedCode ?? 'ok'}, got ${actualCode ?? 'ok'}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('never lets a terminal state be left', () => {
    for (const state of ['completed', 'terminated', 'withdrawn'] as StateKey[]) {
      if (!(state in flow.states)) {
        continue;
      }
      for (const who of EVERYONE) {
        expect(availableActions(flow, facts(flow, state), actor(who))).toEqual([]);
      }
    }
  });

  it('names on the dispatch sheet the people of the main path from the sheet to the last working step', () => {
    const from = flow.steps.indexOf(flow.sheetSteps[0] ?? 'completed');
    expect(from).toBeGreaterThan(flow.steps.indexOf('payment'));
    expect(flow.sheetSteps).toEqual(flow.steps.slice(from).filter((state) => !STATES[state].terminal));
  });
});

describe('where actions lead', () => {
  const f = (state: StateKey, o: Partial<WorkflowFacts> = {}) => facts(ENTERPRISE_FLOW, state, o);
  const to = (flow: FlowDef, fa: WorkflowFacts, key: string, who: Who, comment = '原因') => {
    const r = transition(flow, fa, key, actor(who), { comment });
    return r.ok ? r.to : r.refusal.code;
  };

  it('starts window applications after review, online ones at review', () => {
    expect(initialState('enterprise', 'online')).toBe('submitted');
    expect(initialState('enterprise', 'window')).toBe('dispatching');
    expect(initialState('resident', 'window')).toBe('surveying');
  });

  it('sends a resubmitted window application straight back to dispatch', () => {
    expect(to(ENTERPRISE_FLOW, f('returned', { channel: 'window' }), 'resubmit', 'window_clerk')).toBe('dispatching');
    expect(to(ENTERPRISE_FLOW, f('returned'), 'resubmit', 'owner')).toBe('submitted');
  });

  it('takes a resident from survey to payment and from payment to construction', () => {
    const rf = (state: StateKey, o: Partial<WorkflowFacts> = {}) => facts(RESIDENT_FLOW, state, o);
    expect(
      to(RESIDENT_FLOW, rf('surveying', { newAttachments: ['site_photo', 'scheme_sketch', 'signed_scheme'] }), 'submit_survey', 'surveyor'),
    ).toBe('payment');
    expect(to(RESIDENT_FLOW, rf('payment', { newAttachments: ['payment_receipt'] }), 'record_payment', 'cashier')).toBe('construction');
    expect(to(RESIDENT_FLOW, rf('handover', { newAttachments: ['handover_form'] }), 'submit_handover', 'acceptor')).toBe('completed');
  });

  it('checks the owner before every contract stage', () => {
    const pending = { complete: true, ownerStatus: 'pending' as const, stage: 3, stageRoles: STAGE_ROLES };
    expect(to(ENTERPRISE_FLOW, f('contract_review', { contract: pending }), 'approve_stage', 'budgeter')).toBe('contract_review');
    expect(
      to(ENTERPRISE_FLOW, f('contract_review', { contract: { ...pending, ownerStatus: 'rejected' } }), 'approve_stage', 'budgeter'),
    ).toBe('terminated');
    expect(to(ENTERPRISE_FLOW, f('contract_review', { contract: { ...pending, stage: 7 } }), 'approve_stage', 'leader')).toBe(
      'contract_signing',
    );
    expect(
      to(
        ENTERPRISE_FLOW,
        f('contract_drafting', { contract: { ...pending, ownerStatus: 'rejected', stage: 0 } }),
        'submit_contract',
        'contract_clerk',
      ),
    ).toBe('terminated');
  });

  it('binds each stage to its role', () => {
    const stage = (n: number) =>
      f('contract_review', { contract: { complete: true, ownerStatus: 'pending', stage: n, stageRoles: STAGE_ROLES } });
    expect(to(ENTERPRISE_FLOW, stage(1), 'approve_stage', 'contract_approver')).toBe('contract_review');
    expect(to(ENTERPRISE_FLOW, stage(1), 'approve_stage', 'leader')).toBe('FORBIDDEN');
    expect(to(ENTERPRISE_FLOW, stage(6), 'approve_stage', 'leader')).toBe('contract_review');
  });

  it('uploads the signed contract only once the owner approved, and ends when the owner rejects at the last step', () => {
    const contract = (ownerStatus: 'pending' | 'approved' | 'rejected') => ({
      complete: true,
      ownerStatus,
      stage: 0,
      stageRoles: STAGE_ROLES,
    });
    const signing = (s: 'pending' | 'approved' | 'rejected') =>
      f('contract_signing', { contract: contract(s), newAttachments: ['signed_contract'] });
    expect(to(ENTERPRISE_FLOW, signing('pending'), 'upload_signed_contract', 'contract_clerk')).toBe('GUARD_FAILED');
    expect(to(ENTERPRISE_FLOW, signing('approved'), 'upload_signed_contract', 'contract_clerk')).toBe('payment');
    expect(to(ENTERPRISE_FLOW, signing('pending'), 'owner_reject', 'contract_clerk')).toBe('terminated');
    expect(to(ENTERPRISE_FLOW, f('contract_review', { contract: contract('pending') }), 'owner_reject', 'contract_clerk')).toBe(
      'contract_review',
    );
  });

  it('requires the as-built drawing only after a visa or design change', () => {
    expect(to(ENTERPRISE_FLOW, f('as_built'), 'skip_as_built', 'designer')).toBe('settlement');
    expect(to(ENTERPRISE_FLOW, f('as_built', { hadVisaOrChange: true }), 'skip_as_built', 'designer')).toBe('GUARD_FAILED');
  });

  it('names the missing file or reason in Chinese', () => {
    const r = transition(ENTERPRISE_FLOW, f('surveying', { newAttachments: ['site_photo'] }), 'submit_survey', actor('surveyor'));
    expect(r.ok ? null : r.refusal).toEqual({ code: 'GUARD_FAILED', message: '请先上传方案草图' });
    const c = transition(ENTERPRISE_FLOW, f('submitted'), 'return', actor('reviewer'), { comment: '  ' });
    expect(c.ok ? null : c.refusal).toEqual({ code: 'VALIDATION_FAILED', message: '请填写「退回」的原因或意见' });
  });

  it('takes construction photos in order and needs all three before acceptance', () => {
    expect(to(ENTERPRISE_FLOW, f('construction', { newAttachments: ['completion_photo'] }), 'completion_photos', 'constructor')).toBe(
      'GUARD_FAILED',
    );
    expect(
      to(
        ENTERPRISE_FLOW,
        f('construction', { currentAttachments: ['entry_photo', 'completion_photo'] }),
        'submit_construction',
        'constructor',
      ),
    ).toBe('GUARD_FAILED');
    expect(
      to(
        ENTERPRISE_FLOW,
        f('construction', { currentAttachments: ['entry_photo', 'completion_photo', 'water_on_photo'] }),
        'submit_construction',
        'constructor',
      ),
    ).toBe('acceptance');
  });

  it('keeps records in their step and restarts the clock for real steps', () => {
    const visa = transition(ENTERPRISE_FLOW, f('construction', { newAttachments: ['visa'] }), 'field_visa', actor('constructor'));
    expect(visa.ok && [visa.to, visa.newStep, visa.effects]).toEqual(['construction', false, ['markVisaOrChange']]);
    const stage = transition(ENTERPRISE_FLOW, f('contract_review'), 'approve_stage', actor('budgeter'));
    expect(stage.ok && [stage.to, stage.newStep, stage.effects]).toEqual(['contract_review', true, ['nextContractStage']]);
    const last = transition(
      ENTERPRISE_FLOW,
      f('contract_review', { contract: { complete: true, ownerStatus: 'pending', stage: 7, stageRoles: STAGE_ROLES } }),
      'approve_stage',
      actor('leader'),
    );
    expect(last.ok && [last.to, last.effects]).toEqual(['contract_signing', []]);
  });

  it('offers the applicant only their own confirmations', () => {
    const keys = (who: Who) => availableActions(ENTERPRISE_FLOW, f('confirming'), actor(who)).map((a) => a.key);
    expect(keys('owner')).toEqual(['confirm_design', 'reject_design']);
    expect(keys('stranger')).toEqual([]);
    expect(keys('designer')).toEqual([]);
  });
});

describe('ratings', () => {
  it('are given only in final states, so an application in any other state has none', () => {
    expect(RATABLE_STATES.length).toBeGreaterThan(0);
    for (const state of RATABLE_STATES) {
      expect(STATES[state].terminal).toBe(true);
    }
  });
});
