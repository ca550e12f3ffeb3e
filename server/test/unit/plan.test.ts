import { DEFAULT_CONTRACT_STAGES, type ActionKey, type StaffRole, type StateKey } from '@wc/shared';
import type { AuthUser } from '../../src/context';
import { createSequelize } from '../../src/db/sequelize';
import { AppError } from '../../src/errors';
import { Application, Contract, initModels } from '../../src/models';
import type { CurrentFile } from '../../src/commands/workflow/facts';
import type { LoadedApplication } from '../../src/commands/workflow/load';
import { planAction } from '../../src/commands/workflow/plan';

/**
 * The plan step is a pure function of what was loaded: these tables check what it decides for
 * given rows, with no database (the models are bound to a Sequelize instance that never connects,
 * so that rows can be built as the load step returns them).
 */

beforeAll(() => {
  initModels(createSequelize({ databaseUrl: 'sqlite::memory:', databaseDialect: 'sqlite' }));
});

const NOW = new Date('2026-12-01T02:00:00Z');
const ENTERED = new Date('2026-11-30T02:00:00Z');

function staff(id: number, roles: StaffRole[]): AuthUser {
  return { id, username: `s${id}`, displayName: `员工${id}`, kind: 'staff', applicantKind: null, roles };
}
const applicant: AuthUser = { id: 7, username: 'a7', displayName: '测试企业', kind: 'applicant', applicantKind: 'enterprise', roles: [] };

function application(state: StateKey, extra: Partial<Application> = {}): Application {
  return Application.build({
    id: 1,
    number: 'BZ2026120101',
    flow: 'enterprise',
    channel: 'online',
    applicantUserId: 7,
    createdByUserId: 7,
    name: '珠江摩尔',
    creditCode: null,
    contactName: '陈经理',
    contactPhone: '13912345678',
    address: '广州市天河区',
    waterAddress: '广州市天河区华夏路10号',
    waterType: 'construction',
    buildingArea: 222,
    state,
    workflowVersion: 1,
    version: 4,
    stateEnteredAt: ENTERED,
    dueAt: null,
    currentRole: null,
    currentAssigneeId: null,
    assignees: {},
    contractStage: null,
    hadVisaOrChange: false,
    paid: false,
    unpaidApproved: false,
    budgetTotal: 1000,
    finalAmount: null,
    dispatchSheet: null,
    payment: null,
    utilityMs: 3_600_000,
    customerMs: 0,
    completedAt: null,
    historySeq: 5,
    historyHash: 'a'.repeat(64),
    ...extra,
  });
}

function contract(extra: Partial<Contract> = {}): Contract {
  return Contract.build({
    id: 3,
    applicationId: 1,
    number: 'YJ-GS-2026-1',
    name: '珠江摩尔供水工程合同',
    place: '广州',
    partyA: '珠江摩尔',
    partyB: '市自来水有限公司',
    amount: 1000,
    settlementAmount: null,
    ownerStatus: 'pending',
    stages: DEFAULT_CONTRACT_STAGES.map((s) => ({ name: s.name, role: s.role as StaffRole })),
    submittedAt: ENTERED,
    ...extra,
  });
}

function file(id: number, category: CurrentFile['category'], historyId: number | null = null): CurrentFile {
  return { id, application_id: 1, category, history_id: historyId, sha256: `${id}`.padStart(64, '0'), display_name: `文件${id}` };
}

function loaded(app: Application, parts: Partial<LoadedApplication> = {}): LoadedApplication {
  return {
    app,
    contract: null,
    files: [],
    steps: new Map([['surveying', { threshold: { value: 2, unit: 'workdays' }, defaultAssigneeId: 30 }]]),
    calendar: new Map(),
    stageSettings: null,
    assigneeRoles: new Map(),
    contractNumberTaken: false,
    sender: { name: '示例市自来水有限公司', phone: '0571-96390' },
    reasons: [{ id: 1, label: '其他', actions: null, enabled: true, sortOrder: 1 }],
    ...parts,
  };
}

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) {
      return { code: error.code, message: error.message };
    }
    throw error;
  }
  throw new Error('not refused');
}

const plan = (l: LoadedApplication, action: ActionKey, actor: AuthUser, input = {}) => planAction(l, { action, actor, input, now: NOW });

describe('plan: what an action does, from the rows loaded', () => {
  it('dispatch: the next step, its assignee and due time, the time spent on the utility’s clock, the chained entry and the new-work alert', () => {
    const p = plan(
      loaded(application('dispatching'), { assigneeRoles: new Map([[31, ['surveyor']]]) }),
      'dispatch',
      staff(2, ['tech_head']),
      {
        assignees: { surveying: 31 },
      },
    );
    expect(p.version).toBe(4);
    expect(p.application).toMatchObject({
      state: 'surveying',
      version: 5,
      currentRole: 'surveyor',
      currentAssigneeId: 31,
      assignees: { surveying: 31 },
      utilityMs: 3_600_000 + 24 * 3_600_000,
      historySeq: 6,
    });
    expect(p.application.dueAt).toBeInstanceOf(Date);
    expect(p.history.entry).toMatchObject({
      seq: 6,
      prevHash: 'a'.repeat(64),
      action: 'dispatch',
      payload: { assignees: { surveying: 31 } },
    });
    expect(p.messages.map((m) => [m.event, m.recipientUserId])).toEqual([
      ['dispatched', 7],
      ['new_work', 31],
    ]);
  });

  it('dispatch to someone without the step’s role is refused on that field', () => {
    const error = refusal(() =>
      plan(loaded(application('dispatching'), { assigneeRoles: new Map([[31, ['designer']]]) }), 'dispatch', staff(2, ['tech_head']), {
        assignees: { surveying: 31 },
      }),
    );
    expect(error).toEqual({ code: 'VALIDATION_FAILED', message: '所选人员不能办理「现场勘察」' });
  });

  it('a stage approval after the owner’s rejection ends the contract: 已终止, on the contract’s owner status as loaded', () => {
    const app = application('contract_review', { contractStage: 2 });
    const p = plan(loaded(app, { contract: contract({ ownerStatus: 'rejected' }) }), 'approve_stage', staff(3, ['tech_head']), {
      comment: '同意',
    });
    expect(p.application).toMatchObject({ state: 'terminated', contractStage: null });
    expect(p.application.completedAt).toEqual(NOW);
    expect(p.history.entry.payload).toEqual({ contractStage: 2 });
  });

  it('the same approval with the owner pending opens the next stage and keeps the step', () => {
    const p = plan(
      loaded(application('contract_review', { contractStage: 2 }), { contract: contract() }),
      'approve_stage',
      staff(3, ['tech_head']),
    );
    expect(p.application).toMatchObject({ state: 'contract_review', contractStage: 3, currentRole: 'budgeter' });
  });

  it('a budget confirmation names the versions it decided on, and is refused when the budget it names is no longer current', () => {
    const files = [file(11, 'budget', 50), file(12, 'construction_drawing', 50), file(13, 'construction_drawing_pdf', 50)];
    const p = plan(loaded(application('confirming'), { files }), 'confirm_design', applicant, { budgetAttachmentId: 11 });
    expect(p.history.entry.payload).toEqual({
      confirmed: true,
      budget: { attachmentId: 11, sha256: file(11, 'budget').sha256, displayName: '文件11' },
      construction_drawing: { attachmentId: 12, sha256: file(12, 'budget').sha256, displayName: '文件12' },
      construction_drawing_pdf: { attachmentId: 13, sha256: file(13, 'budget').sha256, displayName: '文件13' },
    });
    expect(p.newContract).toMatchObject({ name: '珠江摩尔供水工程合同', partyA: '珠江摩尔', amount: 1000 });
    expect(
      refusal(() => plan(loaded(application('confirming'), { files }), 'confirm_design', applicant, { budgetAttachmentId: 9 })),
    ).toEqual({
      code: 'STATE_CONFLICT',
      message: '预算书已更新，请查看最新版本后再操作',
    });
  });

  it('an internal action’s comment never reaches the applicant’s notification', () => {
    const app = application('contract_review', { contractStage: 1 });
    const p = plan(loaded(app, { contract: contract() }), 'reject_stage', staff(4, ['contract_approver']), {
      comment: '内部：金额需复核',
      reasonCategoryId: 1,
    });
    expect(p.history.entry.comment).toBe('内部：金额需复核');
    expect(JSON.stringify(p.messages)).not.toContain('金额需复核');
  });

  it('a record (进场照片) takes the new files and keeps the step and its clock', () => {
    const app = application('construction');
    const p = plan(loaded(app, { files: [file(21, 'entry_photo'), file(20, 'site_photo', 3)] }), 'entry_photos', staff(5, ['constructor']));
    expect(p.takenFileIds).toEqual([21]);
    expect(p.application.state).toBeUndefined();
    expect(p.application.stateEnteredAt).toBeUndefined();
    expect(p.history.entry.newStep).toBe(false);
  });

  it('payment saves the amount and receipt and marks the application paid', () => {
    const app = application('payment');
    const p = plan(loaded(app, { files: [file(31, 'payment_receipt')], contract: contract() }), 'record_payment', staff(6, ['cashier']), {
      amount: 1850,
      paidOn: '2026-11-25',
      receiptNo: 'SJ-1',
    });
    expect(p.application).toMatchObject({
      paid: true,
      payment: { amount: 1850, paidOn: '2026-11-25', receiptNo: 'SJ-1' },
      state: 'dispatch_sheet',
    });
    expect(p.history.entry.payload).toEqual({ amount: 1850, paidOn: '2026-11-25', receiptNo: 'SJ-1' });
  });

  it('refuses a stale version and an action of another state, with the codes the API answers', () => {
    expect(refusal(() => plan(loaded(application('submitted')), 'approve', staff(2, ['reviewer']), { version: 3 })).code).toBe(
      'STATE_CONFLICT',
    );
    expect(refusal(() => plan(loaded(application('submitted')), 'dispatch', staff(2, ['tech_head']))).code).toBe('ACTION_NOT_ALLOWED');
    expect(refusal(() => plan(loaded(application('submitted')), 'approve', staff(2, ['designer']))).code).toBe('FORBIDDEN');
  });
});
