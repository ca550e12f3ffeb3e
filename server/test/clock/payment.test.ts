import { OutboxMessage, OverdueAlert } from '../../src/models';
import { scanOverdue } from '../../src/workers';
import { createCrew, design, onlineEnterpriseAtSurvey, residentAtSurvey, survey, type Crew } from '../support/journey';
import { jpeg, pdf } from '../support/sampleFiles';
import { startTestServer, type TestServer } from '../support/testServer';
import { mustUpload } from '../support/uploads';
import { history, must, type AppView } from '../support/workflow';

type Detail = AppView & {
  amountDue: number | null;
  payTo: { payee: string; bankName: string | null; bankAccount: string | null; accountName: string | null; counters: string | null } | null;
  payment: { amount: number; paidOn: string; receiptNo?: string } | null;
  step: AppView['step'] & { threshold: { value: number; unit: string } | null; dueAt: string | null; overdue: boolean };
};

let server: TestServer;
let crew: Crew;
const STAGE_ROLES = ['contract_approver', 'tech_head', 'budgeter', 'cashier', 'contract_approver', 'leader', 'leader'] as const;
const COUNTERS = '人民路1号营业厅一楼缴费窗口（工作日 8:30–17:30）';

beforeAll(async () => {
  server = await startTestServer();
  crew = await createCrew(server.url);
  const saved = await crew.admin.api.put('/api/settings/utility', {
    name: '测试市自来水有限公司',
    address: '测试市人民路1号',
    phone: '96116',
    bankName: '中国工商银行测试支行',
    bankAccount: '1202020009001234567',
    accountName: '测试市自来水有限公司',
    paymentCounters: COUNTERS,
  });
  expect(saved.status).toBe(200);
});
afterAll(() => server.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const detailOf = async (api: Crew['admin']['api'], id: number) => (await api.get<{ data: Detail }>(`/api/applications/${id}`)).body.data;

async function setPaymentThreshold(value: number, unit: 'hours' | 'workdays') {
  const res = await crew.admin.api.put('/api/settings/steps/resident/payment', {
    thresholdValue: value,
    thresholdUnit: unit,
    defaultAssigneeId: null,
  });
  expect(res.status).toBe(200);
}

describe('缴费 on the customer’s clock, chased by the cashier', () => {
  it('turns red for the cashier after its threshold and enters their overdue list, while the applicant is not shown red; paid, the time counts on the customer’s clock', async () => {
    const { applicant, app } = await residentAtSurvey(server.url, crew);
    const atPayment = await survey(crew, app);
    expect(atPayment.state).toBe('payment');

    // The cashier sees the step's threshold and due time; the applicant sees neither.
    const cashierView = await detailOf(crew.cashier.api, app.id);
    expect(cashierView.step).toMatchObject({ clock: 'customer', threshold: { value: 5, unit: 'workdays' }, overdue: false });
    expect(cashierView.step.dueAt).not.toBeNull();
    const applicantView = await detailOf(applicant.api, app.id);
    expect(applicantView.step).toMatchObject({ threshold: null, dueAt: null, overdue: false });
    // How to pay, as 单位信息 sets it.
    expect(applicantView.payTo).toEqual({
      payee: '测试市自来水有限公司',
      bankName: '中国工商银行测试支行',
      bankAccount: '1202020009001234567',
      accountName: '测试市自来水有限公司',
      counters: COUNTERS,
      phone: '96116',
    });

    // 0.0003 hours ≈ 1 second: running applications get their due time recomputed.
    await setPaymentThreshold(0.0003, 'hours');
    await sleep(1500);
    expect((await detailOf(crew.cashier.api, app.id)).step.overdue).toBe(true);
    expect((await detailOf(applicant.api, app.id)).step.overdue).toBe(false);
    const overdueList = await crew.cashier.api.get<{ data: AppView[] }>('/api/worklist?filter=overdue&pageSize=100');
    expect(overdueList.body.data.map((a) => a.id)).toContain(app.id);

    // The overdue scanner alerts the cashier (办理超时), once.
    await Promise.all([scanOverdue(), scanOverdue()]);
    expect(await OverdueAlert.count({ where: { applicationId: app.id, state: 'payment' } })).toBe(1);
    const alert = await OutboxMessage.findOne({ where: { applicationId: app.id, event: 'overdue' } });
    expect(alert?.payload).toMatchObject({ role: 'cashier', stateLabel: '缴费' });

    // Paid: the amount and receipt number are shown; the step's time went to the customer's clock.
    const before = await detailOf(crew.cashier.api, app.id);
    await mustUpload(crew.cashier.api, app.id, 'payment_receipt', { displayName: '缴费收据', fileName: 'r.jpg', content: jpeg() });
    const paid = await must(crew.cashier.api, app.id, 'record_payment', { amount: 1850.5, paidOn: '2026-11-25', receiptNo: 'SJ-0001' });
    expect(paid.utilityMs).toBe(before.utilityMs);
    expect(paid.customerMs).toBeGreaterThanOrEqual(1500);
    const steps = await history(crew.cashier.api, app.id);
    expect(steps.at(-1)).toMatchObject({ action: 'record_payment', clock: 'customer' });
    const afterPaid = await detailOf(applicant.api, app.id);
    expect(afterPaid.payment).toEqual({ amount: 1850.5, paidOn: '2026-11-25', receiptNo: 'SJ-0001' });
    expect(afterPaid.payTo).toBeNull();

    // The statistics keep 缴费 on the customer's clock: no cycle time of the utility's for it.
    const stats = await crew.admin.api.get<{ data: { cycleTimes: { state: string }[] } }>(
      '/api/stats/dashboard?from=2026-01-01&to=2027-12-31',
    );
    expect(stats.status).toBe(200);
    expect(stats.body.data.cycleTimes.map((c) => c.state)).not.toContain('payment');

    await setPaymentThreshold(5, 'workdays');
  });

  it('tells the applicant the amount due from the contract, in the payment notice and on the page; 待上传签字合同 has the contract clerk’s deadline', async () => {
    const { applicant, app } = await onlineEnterpriseAtSurvey(server.url, crew);
    const designing = await survey(crew, app);
    const { budgetId } = await design(crew, designing);
    await must(applicant.api, app.id, 'confirm_design', { budgetAttachmentId: budgetId });
    await must(crew.contract_clerk.api, app.id, 'save_contract', { contract: { partyB: '测试市自来水有限公司', amount: 38650.75 } });
    let review = await must(crew.contract_clerk.api, app.id, 'submit_contract');
    await must(crew.contract_clerk.api, app.id, 'owner_approve');
    for (let stage = 1; stage <= 7; stage++) {
      const role = STAGE_ROLES[(review.step.contractStage?.position ?? 1) - 1] ?? 'leader';
      review = await must(crew[role].api, app.id, 'approve_stage', { comment: '同意' });
    }
    expect(review.state).toBe('contract_signing');
    const signing = await detailOf(crew.contract_clerk.api, app.id);
    expect(signing.step).toMatchObject({ clock: 'customer', threshold: { value: 5, unit: 'workdays' }, overdue: false });
    expect(signing.step.dueAt).not.toBeNull();

    await mustUpload(crew.contract_clerk.api, app.id, 'signed_contract', {
      displayName: '双方签字合同',
      fileName: 'c.pdf',
      content: pdf('合同'),
    });
    await must(crew.contract_clerk.api, app.id, 'upload_signed_contract');

    const notice = await OutboxMessage.findOne({ where: { applicationId: app.id, event: 'payment_due' } });
    expect(notice?.payload).toMatchObject({ title: '请缴费', amount: 38650.75 });
    expect(notice?.payload.text).toBe(
      `报装${app.number}的合同已签订，请按缴费通知向测试市自来水有限公司缴纳费用（应缴金额38,650.75元），咨询电话96116。`,
    );
    const page = await detailOf(applicant.api, app.id);
    expect(page).toMatchObject({ state: 'payment', amountDue: 38650.75, payment: null });
    expect(page.payTo?.counters).toBe(COUNTERS);
  });
});
