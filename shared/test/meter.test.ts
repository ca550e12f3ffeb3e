import {
  ENTERPRISE_FLOW,
  RESIDENT_FLOW,
  actionInputSchema,
  dispatchSheetSchema,
  transition,
  type Actor,
  type FlowDef,
  type WorkflowFacts,
} from '../src';

/** 登记水表 (issue G6): the resident flow records its meter at construction; 施工完成 waits for it. */
const constructor: Actor = { userId: 100, kind: 'staff', roles: ['constructor'] };
const PHOTOS = ['entry_photo', 'completion_photo', 'water_on_photo'] as const;

function atConstruction(flow: FlowDef, overrides: Partial<WorkflowFacts> = {}): WorkflowFacts {
  return {
    flow: flow.key,
    state: 'construction',
    channel: 'online',
    applicantUserId: 7,
    newAttachments: [],
    currentAttachments: [...PHOTOS],
    contract: null,
    dispatchSheetComplete: false,
    hadVisaOrChange: false,
    ...overrides,
  };
}

describe('the resident’s meter', () => {
  it('refuses 施工完成 until the meter is recorded', () => {
    const refused = transition(RESIDENT_FLOW, atConstruction(RESIDENT_FLOW), 'submit_construction', constructor);
    expect(refused).toEqual({ ok: false, refusal: { code: 'GUARD_FAILED', message: '请先登记水表信息' } });
    const done = transition(RESIDENT_FLOW, atConstruction(RESIDENT_FLOW, { meterRecorded: true }), 'submit_construction', constructor);
    expect(done).toMatchObject({ ok: true, to: 'acceptance' });
  });

  it('is recorded at construction by the constructor, and the step goes on', () => {
    const recorded = transition(RESIDENT_FLOW, atConstruction(RESIDENT_FLOW), 'record_meter', constructor);
    expect(recorded).toMatchObject({ ok: true, to: 'construction', newStep: false });
    expect(recorded.ok && recorded.action).toMatchObject({ label: '登记水表', form: 'meter', saves: ['meter'], records: ['meter'] });
  });

  it('leaves the enterprise flow as it was: its meter is on the dispatch sheet', () => {
    expect(ENTERPRISE_FLOW.actions.some((a) => a.key === 'record_meter')).toBe(false);
    const done = transition(
      ENTERPRISE_FLOW,
      atConstruction(ENTERPRISE_FLOW, { dispatchSheetComplete: true }),
      'submit_construction',
      constructor,
    );
    expect(done).toMatchObject({ ok: true, to: 'acceptance' });
  });

  it('checks each field of the meter in Chinese', () => {
    const result = actionInputSchema('record_meter').safeParse({
      meter: { number: '', caliber: 'DN300', model: ' ', initialReading: '-2' },
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(messages).toEqual({
      'meter.number': '请填写表号',
      'meter.caliber': '请选择口径',
      'meter.model': '请填写型号',
      'meter.initialReading': '初始读数不能为负数',
    });
    // An empty number box is "not filled in", never a reading of 0.
    const empty = actionInputSchema('record_meter').safeParse({
      meter: { number: 'JM-1', caliber: 'DN20', model: 'LXS', initialReading: null },
    });
    expect(empty.error?.issues.map((i) => i.message)).toEqual(['请填写初始读数（数字）']);
  });

  it('takes 初始读数 on the enterprise dispatch sheet too, where it may wait', () => {
    const sheet = { materials: [{ name: '管', unit: '米', quantity: 1 }], meter: { number: 'SB-1', caliber: 'DN100', model: 'LXS' } };
    expect(dispatchSheetSchema.parse(sheet).meter.initialReading).toBeUndefined();
    expect(dispatchSheetSchema.parse({ ...sheet, meter: { ...sheet.meter, initialReading: '12.5' } }).meter.initialReading).toBe(12.5);
  });
});
