import { OutboxMessage } from '../../src/models';
import { createCrew, detail, design, onlineEnterpriseAtSurvey, residentAtSurvey, survey, type Crew } from '../support/journey';
import { budgetTotal, budgetXlsx, dwg, jpeg, pdf, sitePhoto } from '../support/sampleFiles';
import { startTestServer, type TestServer } from '../support/testServer';
import { mustUpload } from '../support/uploads';
import { act, history, must, type AppView } from '../support/workflow';

let server: TestServer;
let crew: Crew;

beforeAll(async () => {
  server = await startTestServer();
  crew = await createCrew(server.url);
});
afterAll(() => server.close());

const photo = (name: string) => ({ displayName: name, fileName: `${name}.jpg`, content: sitePhoto() });
const STAGE_ROLES = ['contract_approver', 'tech_head', 'budgeter', 'cashier', 'contract_approver', 'leader', 'leader'] as const;

/** Approves the current contract stage as the role bound to it. */
async function approveStage(app: AppView): Promise<AppView> {
  const position = app.step.contractStage?.position ?? 0;
  const role = STAGE_ROLES[position - 1];
  if (!role) {
    throw new Error(`no stage at ${app.state}`);
  }
  return must(crew[role].api, app.id, 'approve_stage', { comment: '同意' });
}

describe('the enterprise flow end to end', () => {
  it('walks from application to settlement with a rejected budget, a rejected contract stage, the leader’s approval to build unpaid and a design change', async () => {
    const { applicant, app: dispatched } = await onlineEnterpriseAtSurvey(server.url, crew);
    const designing = await survey(crew, dispatched);
    expect(designing.state).toBe('designing');

    // Budget rejected by the customer, revised, confirmed.
    const first = await design(crew, designing);
    expect(first.app.state).toBe('confirming');
    await must(applicant.api, first.app.id, 'reject_design', { budgetAttachmentId: first.budgetId, comment: '管材单价偏高，请核实' });
    const revised = await mustUpload(crew.budgeter.api, first.app.id, 'budget', {
      displayName: '给水工程预算书（修订版）',
      fileName: 'b2.xlsx',
      content: await budgetXlsx(),
    });
    await must(crew.budgeter.api, first.app.id, 'submit_design', { budgetTotal: budgetTotal() });
    const stale = await act(applicant.api, first.app.id, 'confirm_design', { budgetAttachmentId: first.budgetId });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toBe('预算书已更新，请查看最新版本后再操作');
    const drafting = await must(applicant.api, first.app.id, 'confirm_design', { budgetAttachmentId: revised.id });
    expect(drafting.state).toBe('contract_drafting');
    const id = drafting.id;

    // Contract: generated number, a stage rejection, revision, seven stages, owner approval, signed copy.
    const drafted = await detail(crew.contract_clerk.api, id);
    expect(drafted.body.data.contract?.number).toMatch(/^YJ-GS-\d{4}-\d+$/);
    const incomplete = await act(crew.contract_clerk.api, id, 'submit_contract', { contract: { partyB: '' } });
    expect(incomplete.status).toBe(422);
    await must(crew.contract_clerk.api, id, 'save_contract', { contract: { partyB: '市自来水有限公司', amount: budgetTotal() } });
    let review = await must(crew.contract_clerk.api, id, 'submit_contract');
    expect(review.step.contractStage).toEqual({ position: 1, name: '业务部门审核', count: 7 });
    review = await approveStage(review);
    expect(review.stateLabel).toBe('合同审批（技术部门审核）');
    const rejected = await must(crew.tech_head.api, id, 'reject_stage', { comment: '履行地点写错' });
    expect(rejected.state).toBe('contract_rejected');
    await must(crew.contract_clerk.api, id, 'revise_contract');
    review = await must(crew.contract_clerk.api, id, 'submit_contract', { contract: { place: '广州市天河区华夏路10号（东门）' } });
    expect(review.step.contractStage?.position).toBe(1);
    await must(crew.contract_clerk.api, id, 'owner_approve');
    for (let stage = 1; stage <= 7; stage++) {
      review = await approveStage(review);
    }
    expect(review.state).toBe('contract_signing');
    await mustUpload(crew.contract_clerk.api, id, 'signed_contract', {
      displayName: '双方签字合同扫描件',
      fileName: 'contract.pdf',
      content: pdf('合同'),
    });
    const payment = await must(crew.contract_clerk.api, id, 'upload_signed_contract');
    expect(payment.state).toBe('payment');

    // Not paid: the leader lets construction start; the application is flagged.
    await must(crew.cashier.api, id, 'request_leader_approval', { comment: '用户承诺月底前缴费' });
    const sheet = await must(crew.leader.api, id, 'leader_approve', { comment: '同意先施工' });
    expect(sheet).toMatchObject({ state: 'dispatch_sheet', unpaidApproved: true, paid: false });

    // Dispatch sheet, construction with a visa and a design change confirmed by the customer.
    const noSheet = await act(crew.tech_head.api, id, 'start_construction');
    expect(noSheet.status).toBe(422);
    expect(noSheet.body.error.message).toBe('请先填写派工单的材料清单和水表信息');
    await must(crew.tech_head.api, id, 'save_dispatch_sheet', {
      sheet: {
        materials: [
          { name: '球墨铸铁管', spec: 'DN150', unit: '米', quantity: 120 },
          { name: '闸阀', spec: 'DN150', unit: '个', quantity: 2 },
        ],
        meter: { number: 'SB2026-0001', caliber: 'DN100', model: 'LXS-100' },
      },
    });
    await must(crew.tech_head.api, id, 'start_construction');
    await mustUpload(crew.constructor.api, id, 'entry_photo', photo('进场照片'));
    await must(crew.constructor.api, id, 'entry_photos');
    await mustUpload(crew.constructor.api, id, 'visa', { displayName: '现场签证单（管线绕行）', fileName: 'visa.jpg', content: jpeg() });
    await must(crew.constructor.api, id, 'field_visa', { comment: '地下有电缆，管线绕行3米' });
    const change = await mustUpload(crew.designer.api, id, 'design_change', {
      displayName: '设计变更图',
      fileName: 'change.dwg',
      content: dwg(),
    });
    await mustUpload(crew.budgeter.api, id, 'change_budget', {
      displayName: '变更预算',
      fileName: 'change.xlsx',
      content: await budgetXlsx(),
    });
    const confirming = await must(crew.designer.api, id, 'design_change', { comment: '水表井位置东移', budgetTotal: budgetTotal() + 1200 });
    expect(confirming.state).toBe('change_confirming');
    await must(applicant.api, id, 'confirm_change', { changeAttachmentId: change.id });
    await mustUpload(crew.constructor.api, id, 'completion_photo', photo('完工照片'));
    await must(crew.constructor.api, id, 'completion_photos');
    await mustUpload(crew.constructor.api, id, 'water_on_photo', photo('通水照片'));
    await must(crew.constructor.api, id, 'water_on_photos');
    const acceptance = await must(crew.constructor.api, id, 'submit_construction');
    expect(acceptance).toMatchObject({ state: 'acceptance', hadVisaOrChange: true });

    // Acceptance, handover, as-built drawing (required after the change), settlement.
    await mustUpload(crew.acceptor.api, id, 'acceptance_form', { displayName: '验收单签字件', fileName: 'acc.jpg', content: jpeg() });
    await mustUpload(crew.acceptor.api, id, 'acceptance_photo', photo('验收现场照片'));
    await must(crew.acceptor.api, id, 'submit_acceptance', { acceptedOn: '2026-11-26', summary: '管线、水表、阀门验收合格' });
    await mustUpload(crew.acceptor.api, id, 'handover_form', { displayName: '移交单签字件', fileName: 'hand.jpg', content: jpeg() });
    const asBuilt = await must(crew.acceptor.api, id, 'submit_handover', { handedOverOn: '2026-11-27', receiver: '珠江摩尔物业' });
    expect(asBuilt.state).toBe('as_built');
    const skip = await act(crew.designer.api, id, 'skip_as_built');
    expect(skip.status).toBe(422);
    await mustUpload(crew.designer.api, id, 'as_built_drawing', { displayName: '竣工图', fileName: 'asbuilt.pdf', content: pdf('竣工图') });
    await must(crew.designer.api, id, 'submit_as_built');
    await mustUpload(crew.budgeter.api, id, 'settlement_doc', { displayName: '竣工决算书', fileName: 'settle.pdf', content: pdf('决算') });
    const done = await must(crew.budgeter.api, id, 'submit_settlement', { finalAmount: 40720 });
    expect(done).toMatchObject({ state: 'completed', stateLabel: '已完成', finalAmount: 40720, availableActions: [] });

    const final = await detail(crew.budgeter.api, id);
    expect(final.body.data.contract).toMatchObject({ ownerStatus: 'approved', partyB: '市自来水有限公司' });
    expect(
      final.body.data.contract && 'settlementAmount' in final.body.data.contract
        ? (final.body.data.contract as { settlementAmount: number }).settlementAmount
        : null,
    ).toBe(40720);

    const steps = await history(crew.budgeter.api, id);
    expect(steps.filter((s) => s.action === 'approve_stage')).toHaveLength(8);
    expect(steps.find((s) => s.action === 'confirm_design')?.payload).toMatchObject({
      confirmed: true,
      budget: { attachmentId: revised.id },
    });
    expect(steps.find((s) => s.action === 'confirm_change')?.payload).toMatchObject({ design_change: { attachmentId: change.id } });
    const pushes = await OutboxMessage.findAll({ where: { applicationId: id, audience: 'applicant' }, order: [['id', 'ASC']] });
    expect(pushes.map((p) => p.event)).toEqual([
      'submitted',
      'accepted',
      'dispatched',
      'scheme_ready',
      'budget_to_confirm',
      'budget_to_confirm',
      'design_confirmed',
      'contract_submitted',
      'contract_rejected',
      'contract_submitted',
      'payment_due',
      'construction_started',
      'change_to_confirm',
      'water_on',
      'accepted_check',
      'handed_over',
      'completed',
    ]);
  });

  it('ends the contract when the owner rejects it before the next stage', async () => {
    const { applicant, app } = await onlineEnterpriseAtSurvey(server.url, crew);
    const { app: confirming, budgetId } = await design(crew, await survey(crew, app));
    await must(applicant.api, confirming.id, 'confirm_design', { budgetAttachmentId: budgetId });
    await must(crew.contract_clerk.api, app.id, 'save_contract', { contract: { partyB: '市自来水有限公司' } });
    const review = await must(crew.contract_clerk.api, app.id, 'submit_contract');
    await must(crew.contract_clerk.api, app.id, 'owner_reject', { comment: '业主董事会未通过' });
    const ended = await approveStage(review);
    expect(ended).toMatchObject({ state: 'terminated', stateLabel: '已终止', availableActions: [] });
  });
});

describe('the resident flow end to end', () => {
  it('walks from application to completion with payment recorded', async () => {
    const { applicant, app } = await residentAtSurvey(server.url, crew);
    const payment = await survey(crew, app);
    expect(payment.state).toBe('payment');
    await mustUpload(crew.cashier.api, app.id, 'payment_receipt', { displayName: '缴费收据', fileName: 'r.jpg', content: jpeg() });
    const building = await must(crew.cashier.api, app.id, 'record_payment', { amount: 1850, paidOn: '2026-11-25', receiptNo: 'SJ-0001' });
    expect(building).toMatchObject({ state: 'construction', paid: true });
    for (const [category, action, name] of [
      ['entry_photo', 'entry_photos', '进场照片'],
      ['completion_photo', 'completion_photos', '完工照片'],
      ['water_on_photo', 'water_on_photos', '通水照片'],
    ] as const) {
      await mustUpload(crew.constructor.api, app.id, category, photo(name));
      await must(crew.constructor.api, app.id, action);
    }
    await must(crew.constructor.api, app.id, 'record_meter', {
      meter: { number: 'JM-0001', caliber: 'DN20', model: 'LXS-20E', initialReading: 0 },
    });
    await must(crew.constructor.api, app.id, 'submit_construction');
    await mustUpload(crew.acceptor.api, app.id, 'acceptance_form', { displayName: '验收单', fileName: 'a.jpg', content: jpeg() });
    await mustUpload(crew.acceptor.api, app.id, 'acceptance_photo', photo('验收照片'));
    await must(crew.acceptor.api, app.id, 'submit_acceptance', { acceptedOn: '2026-11-27', summary: '合格' });
    await mustUpload(crew.acceptor.api, app.id, 'handover_form', { displayName: '移交单', fileName: 'h.jpg', content: jpeg() });
    const done = await must(crew.acceptor.api, app.id, 'submit_handover', { handedOverOn: '2026-11-28', receiver: '张三' });
    expect(done.state).toBe('completed');
    const mine = await applicant.api.get<{
      data: AppView & { stepMap: { steps: { state: string; status: string; durationMs: number }[] } };
    }>(`/api/applications/${app.id}`);
    expect(mine.body.data.stepMap.steps.map((s) => s.status)).toEqual(Array(7).fill('done'));
    // each step's time on the map is what its 报装记录 entries took there
    const entries = await history(crew.acceptor.api, app.id);
    const spent = (state: string) => entries.filter((e) => e.fromState === state && e.newStep).reduce((sum, e) => sum + e.durationMs, 0);
    expect(mine.body.data.stepMap.steps.map((s) => s.durationMs)).toEqual(mine.body.data.stepMap.steps.map((s) => spent(s.state)));
    expect(mine.body.data.stepMap.steps.some((s) => s.durationMs > 0)).toBe(true);
  });
});
