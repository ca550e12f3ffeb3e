import {
  CURRENT_WORKFLOW_VERSION,
  ENTERPRISE_FAST_FLOW,
  RESIDENT_FAST_FLOW,
  STAFF_ROLES,
  WORKFLOWS,
  availableActions,
  getFlow,
  initialState,
  matchFastTrackRule,
  routeVersion,
  transition,
  type ActorRole,
  type Actor,
  type AttachmentCategory,
  type FastTrackConditions,
  type FlowDef,
  type StaffRole,
  type StateKey,
  type WorkflowFacts,
} from '../src';

/**
 * 快速通道: the fast routes' permission table, written out by hand as for the standard flows
 * (workflow.test.ts), checked for every state × action × role; then every state is shown reachable
 * and each route walked to 已完成 by the people the table names.
 */
type Row = { states: StateKey[]; roles: ActorRole[] };

const INTAKE: Record<string, Row> = {
  approve: { states: ['submitted'], roles: ['reviewer'] },
  return: { states: ['submitted'], roles: ['reviewer'] },
  resubmit: { states: ['returned'], roles: ['applicant', 'window_clerk'] },
  withdraw: { states: ['submitted', 'returned'], roles: ['applicant', 'window_clerk'] },
};
const CONSTRUCTION: Record<string, Row> = {
  entry_photos: { states: ['construction'], roles: ['constructor'] },
  completion_photos: { states: ['construction'], roles: ['constructor'] },
  water_on_photos: { states: ['construction'], roles: ['constructor'] },
  record_meter: { states: ['construction'], roles: ['constructor'] },
  submit_construction: { states: ['construction'], roles: ['constructor'] },
  submit_acceptance: { states: ['acceptance'], roles: ['acceptor'] },
};

const EXPECTED: Record<'enterprise' | 'resident', Record<string, Row>> = {
  enterprise: {
    ...INTAKE,
    ...CONSTRUCTION,
    submit_survey_budget: { states: ['surveying'], roles: ['surveyor'] },
    confirm_budget: { states: ['confirming'], roles: ['applicant', 'window_clerk'] },
    reject_budget: { states: ['confirming'], roles: ['applicant', 'window_clerk'] },
    record_payment: { states: ['payment', 'leader_approval'], roles: ['cashier'] },
    request_leader_approval: { states: ['payment'], roles: ['cashier'] },
    leader_approve: { states: ['leader_approval'], roles: ['leader'] },
    leader_reject: { states: ['leader_approval'], roles: ['leader'] },
    submit_handover: { states: ['handover'], roles: ['acceptor'] },
  },
  resident: {
    ...INTAKE,
    ...CONSTRUCTION,
    submit_survey: { states: ['surveying'], roles: ['surveyor'] },
  },
};

const OWNER = 7;
const ALL_FILES: AttachmentCategory[] = [
  'site_photo',
  'scheme_sketch',
  'signed_scheme',
  'budget',
  'payment_receipt',
  'entry_photo',
  'completion_photo',
  'water_on_photo',
  'acceptance_form',
  'acceptance_photo',
  'handover_form',
];

function facts(flow: FlowDef, state: StateKey, overrides: Partial<WorkflowFacts> = {}): WorkflowFacts {
  return {
    flow: flow.key,
    state,
    channel: 'online',
    applicantUserId: OWNER,
    newAttachments: [],
    currentAttachments: [],
    contract: null,
    dispatchSheetComplete: false,
    meterRecorded: true,
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

const allows = (row: Row, who: Who) => row.roles.some((r) => (r === 'applicant' ? who === 'owner' : r === who));

describe('the fast routes are published versions of their own', () => {
  it('registers version 2 of each flow as its fast route, leaving the standard version current', () => {
    expect(getFlow('enterprise', 2)).toBe(ENTERPRISE_FAST_FLOW);
    expect(getFlow('resident', 2)).toBe(RESIDENT_FAST_FLOW);
    expect([ENTERPRISE_FAST_FLOW.route, RESIDENT_FAST_FLOW.route]).toEqual(['fast', 'fast']);
    expect(CURRENT_WORKFLOW_VERSION).toEqual({ enterprise: 1, resident: 1 });
    expect(WORKFLOWS.enterprise[1]?.route).toBe('standard');
    expect([routeVersion('enterprise', 'fast'), routeVersion('resident', 'fast'), routeVersion('resident', 'standard')]).toEqual([2, 2, 1]);
  });

  it('leaves out the steps the fast routes skip', () => {
    expect(ENTERPRISE_FAST_FLOW.steps).toEqual([
      'submitted',
      'surveying',
      'confirming',
      'payment',
      'construction',
      'acceptance',
      'handover',
      'completed',
    ]);
    expect(RESIDENT_FAST_FLOW.steps).toEqual(['submitted', 'surveying', 'construction', 'acceptance', 'completed']);
  });

  it('starts window applications where the fast review would have sent them', () => {
    expect(initialState(ENTERPRISE_FAST_FLOW, 'window')).toBe('surveying');
    expect(initialState(RESIDENT_FAST_FLOW, 'window')).toBe('surveying');
    expect(initialState(getFlow('enterprise', 1), 'window')).toBe('dispatching');
    expect(initialState(ENTERPRISE_FAST_FLOW, 'online')).toBe('submitted');
  });
});

describe.each([ENTERPRISE_FAST_FLOW, RESIDENT_FAST_FLOW])('$label: who may do what, in which state', (flow) => {
  const expected = EXPECTED[flow.key];

  it('has exactly the actions of the table', () => {
    expect(flow.actions.map((a) => a.key).sort()).toEqual(Object.keys(expected).sort());
  });

  const states = Object.keys(flow.states) as StateKey[];
  const cases = states.flatMap((state) => flow.actions.flatMap((action) => EVERYONE.map((who) => [state, action.key, who] as const)));

  it(`answers ${cases.length} state × action × role cases as the table says`, () => {
    const mismatches: string[] = [];
    for (const [state, key, who] of cases) {
      const row = expected[key]!;
      const f = facts(flow, state, { newAttachments: ALL_FILES, currentAttachments: ALL_FILES });
      const result = transition(flow, f, key, actor(who), { comment: '意见' });
      const expectedCode = !row.states.includes(state) ? 'ACTION_NOT_ALLOWED' : !allows(row, who) ? 'FORBIDDEN' : null;
      const actualCode = result.ok ? null : result.refusal.code;
      if (expectedCode !== actualCode) {
        mismatches.push(`${state} × ${key} × ${who}: expected ${expectedCode ?? 'ok'}, got ${actualCode ?? 'ok'}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('reaches every state it has from where an application starts', () => {
    const seen = new Set<StateKey>(['submitted', 'surveying']);
    const queue = [...seen];
    while (queue.length > 0) {
      const state = queue.shift()!;
      for (const action of flow.actions.filter((a) => a.from.includes(state))) {
        for (const outcome of action.to) {
          const to = outcome.to === 'stay' ? state : outcome.to;
          if (!seen.has(to)) {
            seen.add(to);
            queue.push(to);
          }
        }
      }
    }
    expect([...seen].sort()).toEqual((Object.keys(flow.states) as StateKey[]).sort());
  });

  it('never lets a terminal state be left', () => {
    for (const state of ['completed', 'withdrawn'] as StateKey[]) {
      for (const who of EVERYONE) {
        expect(availableActions(flow, facts(flow, state), actor(who))).toEqual([]);
      }
    }
  });

  it('is walked to 已完成 by the people of the table, each taking the primary action offered', () => {
    let f = facts(flow, 'submitted');
    const path: StateKey[] = [f.state];
    for (let i = 0; i < 20 && f.state !== 'completed'; i += 1) {
      const offered = EVERYONE.flatMap((who) =>
        availableActions(flow, { ...f, newAttachments: ALL_FILES, currentAttachments: ALL_FILES }, actor(who))
          .filter((a) => a.tone === 'primary')
          .map((a) => [who, a.key] as const),
      );
      const [who, key] = offered[0]!;
      const r = transition(flow, { ...f, newAttachments: ALL_FILES, currentAttachments: ALL_FILES }, key, actor(who), { comment: '好' });
      if (!r.ok) {
        throw new Error(`${key}: ${r.refusal.message}`);
      }
      f = { ...f, state: r.to };
      if (r.newStep) {
        path.push(r.to);
      }
    }
    expect(path).toEqual(flow.steps);
  });
});

describe('fast-track rules', () => {
  const resident: FastTrackConditions = { kinds: ['resident'], waterTypes: [], maxCaliber: 25, noExternalWorks: true, channels: [] };
  const app = { kind: 'resident' as const, waterType: 'permanent' as const, channel: 'online' as const, caliber: 20, externalWorks: false };

  it('picks the first enabled rule in order whose every condition holds', () => {
    const rules = [
      { id: 1, enabled: false, position: 1, conditions: resident },
      { id: 2, enabled: true, position: 3, conditions: { ...resident, maxCaliber: 40 } },
      { id: 3, enabled: true, position: 2, conditions: resident },
    ];
    expect(matchFastTrackRule(rules, app)?.id).toBe(3);
    expect(matchFastTrackRule(rules, { ...app, caliber: 32 })?.id).toBe(2);
    expect(matchFastTrackRule(rules, { ...app, caliber: 50 })).toBeNull();
  });

  it('never matches an unanswered caliber or external-works question, nor another kind, type or channel', () => {
    const rules = [
      { id: 1, enabled: true, position: 1, conditions: { ...resident, waterTypes: ['permanent' as const], channels: ['online' as const] } },
    ];
    expect(matchFastTrackRule(rules, { ...app, caliber: null })).toBeNull();
    expect(matchFastTrackRule(rules, { ...app, externalWorks: null })).toBeNull();
    expect(matchFastTrackRule(rules, { ...app, externalWorks: true })).toBeNull();
    expect(matchFastTrackRule(rules, { ...app, kind: 'enterprise' })).toBeNull();
    expect(matchFastTrackRule(rules, { ...app, channel: 'window' })).toBeNull();
    expect(matchFastTrackRule(rules, app)?.id).toBe(1);
  });
});
