import { Alert, Form, Input, InputNumber, Tag } from 'antd';
import type { ApplicationDetail, Attachment, StaffSummary } from '../../../types';
import { AssigneeFields, type AssigneeStep } from './AssigneeFields';
import { DesignReview } from './BudgetReview';
import { ContractFields } from './ContractFields';
import { SheetFields } from './SheetFields';

export interface FieldContext {
  app: ApplicationDetail;
  /** Current (not superseded) files, newest first. */
  current: readonly Attachment[];
  staff: readonly StaffSummary[];
  /** Null until the step settings are loaded. */
  assigneeSteps: AssigneeStep[] | null;
  staffLoaded: boolean;
}

const today = () => {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
};

/** The file versions a confirmation is about (the first one is the version named in the request). */
export function reviewedFiles(action: string, current: readonly Attachment[]): Attachment[] {
  const order =
    action === 'confirm_design' || action === 'reject_design'
      ? ['budget', 'construction_drawing', 'construction_drawing_pdf']
      : action === 'confirm_change' || action === 'reject_change'
        ? ['design_change', 'change_budget']
        : [];
  return order.flatMap((category) => current.filter((f) => f.category === category).slice(0, 1));
}

/** Starting values of an action's form: what the application already holds. */
export function initialValues(action: string, ctx: FieldContext): Record<string, unknown> {
  const { app } = ctx;
  switch (action) {
    case 'dispatch':
      return {
        assignees: Object.fromEntries((ctx.assigneeSteps ?? []).map((s) => [s.state, app.assignees[s.state] ?? s.defaultId ?? undefined])),
      };
    case 'save_contract':
    case 'submit_contract':
      return {
        contract: {
          number: app.contract?.number,
          name: app.contract?.name ?? `${app.name}供水工程合同`,
          place: app.contract?.place ?? app.waterAddress,
          partyA: app.contract?.partyA ?? app.name,
          partyB: app.contract?.partyB ?? undefined,
          amount: app.contract?.amount ?? app.budgetTotal ?? undefined,
        },
      };
    case 'record_payment':
      return { amount: app.contract?.amount ?? app.budgetTotal ?? undefined, paidOn: today() };
    case 'save_dispatch_sheet':
    case 'start_construction':
      return {
        sheet: app.dispatchSheet ?? {
          materials: [{ name: '', spec: '', unit: '', quantity: null }],
          meter: { number: '', caliber: '', model: '' },
        },
      };
    case 'submit_acceptance':
      return { acceptedOn: today() };
    case 'submit_handover':
      return { handedOverOn: today(), receiver: app.name };
    case 'submit_settlement':
      return { finalAmount: app.contract?.amount ?? app.budgetTotal ?? undefined };
    default:
      return {};
  }
}

const moneyInput = (name: string, label: string, required = true, extra?: string) => (
  <Form.Item name={name} label={label} required={required} extra={extra}>
    <InputNumber min={0} precision={2} style={{ width: '100%' }} />
  </Form.Item>
);

const dateInput = (name: string, label: string) => (
  <Form.Item name={name} label={label} required>
    <Input type="date" />
  </Form.Item>
);

/** The fields an action needs besides its files and comment (ACTION_INPUT_SCHEMAS in shared). */
export function ActionFields({ action, ctx }: { action: string; ctx: FieldContext }) {
  const { app } = ctx;
  switch (action) {
    case 'dispatch':
      return <AssigneeFields steps={ctx.assigneeSteps} staff={ctx.staff} />;
    case 'submit_survey':
      return (
        <Form.Item name="summary" label="勘察方案说明" required extra="接水方案要点，将告知报装用户">
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      );
    case 'submit_design':
      return moneyInput('budgetTotal', '预算总额（元）', true, '与所上传预算书的合计一致');
    case 'confirm_design':
    case 'reject_design':
      return <DesignReview title="请查看施工图与预算" files={reviewedFiles(action, ctx.current)} budgetTotal={app.budgetTotal} />;
    case 'confirm_change':
    case 'reject_change':
      return <DesignReview title="请查看设计变更与变更预算" files={reviewedFiles(action, ctx.current)} budgetTotal={null} />;
    case 'save_contract':
    case 'submit_contract':
      return <ContractFields contract={app.contract} number={app.number} />;
    case 'owner_approve':
    case 'owner_reject':
      return (
        <Alert
          type={action === 'owner_approve' ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={action === 'owner_approve' ? '登记业主方已审批通过本合同。' : '登记业主方审批未通过：进入下一审批环节前将终止合同流程。'}
        />
      );
    case 'record_payment':
      return (
        <>
          {moneyInput('amount', '缴费金额（元）')}
          {dateInput('paidOn', '缴费日期')}
          <Form.Item name="receiptNo" label="收据编号">
            <Input maxLength={50} />
          </Form.Item>
        </>
      );
    case 'save_dispatch_sheet':
    case 'start_construction':
      return <SheetFields />;
    case 'design_change':
      return moneyInput('budgetTotal', '变更后预算总额（元）', false);
    case 'submit_acceptance':
      return (
        <>
          {dateInput('acceptedOn', '验收日期')}
          <Form.Item name="summary" label="验收信息" required>
            <Input.TextArea rows={3} maxLength={2000} placeholder="验收结论、参加人员、水表读数等" />
          </Form.Item>
        </>
      );
    case 'submit_handover':
      return (
        <>
          {dateInput('handedOverOn', '移交日期')}
          <Form.Item name="receiver" label="接收单位/接收人" required>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="summary" label="移交信息">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'submit_settlement':
      return moneyInput('finalAmount', '决算金额（元）', true, '将同时写入合同的结算金额');
    case 'leader_approve':
      return <Tag color="warning">同意后将标记为「未缴费，经领导同意先施工」，缴费由线下跟踪。</Tag>;
    default:
      return null;
  }
}
