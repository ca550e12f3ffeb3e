import { Alert, Form, Input, InputNumber } from 'antd';
import type { AvailableAction, DecisionDef, FormHint } from '@wc/shared';
import type { ApplicationDetail, Attachment, StaffSummary } from '../../../types';
import { AssigneeFields, type AssigneeStep } from './AssigneeFields';
import { DesignReview } from './BudgetReview';
import { ContractFields } from './ContractFields';
import { MeterFields } from './MeterFields';
import { SheetFields } from './SheetFields';
import { SurveyBudgetFields } from './SurveyBudgetFields';

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

/** The file versions a decision is about, in the decision's order (the first is the one the request names). */
export function reviewedFiles(decision: DecisionDef | null, current: readonly Attachment[]): Attachment[] {
  return (decision?.files ?? []).flatMap((category) => current.filter((f) => f.category === category).slice(0, 1));
}

/** Starting values of an action's form: what the application already holds. */
export function initialValues(form: FormHint, ctx: FieldContext): Record<string, unknown> {
  const { app } = ctx;
  switch (form) {
    case 'assignees':
      return {
        assignees: Object.fromEntries((ctx.assigneeSteps ?? []).map((s) => [s.state, app.assignees[s.state] ?? s.defaultId ?? undefined])),
      };
    case 'contractForm':
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
    case 'payment':
      return { amount: app.contract?.amount ?? app.budgetTotal ?? undefined, paidOn: today() };
    case 'dispatchSheet':
      return {
        sheet: app.dispatchSheet ?? {
          materials: [{ name: '', spec: '', unit: '', quantity: null }],
          meter: { number: '', caliber: '', model: '' },
        },
      };
    case 'meter':
      return { meter: app.meter ?? { number: '', caliber: undefined, model: '', initialReading: 0 } };
    case 'acceptance':
      return { acceptedOn: today() };
    case 'handover':
      return { handedOverOn: today(), receiver: app.name };
    case 'settlement':
      return { finalAmount: app.contract?.amount ?? app.budgetTotal ?? undefined };
    default:
      return {};
  }
}

/** The heading of each decision's review, and whether the registered budget total goes with it. */
const REVIEW: Record<DecisionDef['subject'], { title: string; withBudgetTotal: boolean }> = {
  design: { title: '请查看施工图与预算', withBudgetTotal: true },
  change: { title: '请查看设计变更与变更预算', withBudgetTotal: false },
  budget: { title: '请查看勘察方案与预算', withBudgetTotal: true },
};

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

/** The action's notice (if any), then the fields its form hint needs besides its files and comment. */
export function ActionFields({ action, ctx }: { action: AvailableAction; ctx: FieldContext }) {
  return (
    <>
      {action.notice && <Alert type={action.notice.tone} showIcon style={{ marginBottom: 12 }} title={action.notice.text} />}
      <HintFields action={action} ctx={ctx} />
    </>
  );
}

/** The fields of a form hint (the body's schema is the action's, in shared `ACTIONS`). */
function HintFields({ action, ctx }: { action: AvailableAction; ctx: FieldContext }) {
  const { app } = ctx;
  switch (action.form) {
    case 'comment':
    case 'correctForm':
      return null;
    case 'assignees':
      return <AssigneeFields steps={ctx.assigneeSteps} staff={ctx.staff} />;
    case 'survey':
      return (
        <Form.Item name="summary" label="勘察方案说明" required extra="接水方案要点，将告知报装用户">
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      );
    case 'surveyBudget':
      return <SurveyBudgetFields />;
    case 'design':
      return moneyInput('budgetTotal', '预算总额（元）', true, '与所上传预算书的合计一致');
    case 'decision': {
      if (!action.decision) {
        return null;
      }
      const review = REVIEW[action.decision.subject];
      return (
        <DesignReview
          title={review.title}
          files={reviewedFiles(action.decision, ctx.current)}
          budgetTotal={review.withBudgetTotal ? app.budgetTotal : null}
        />
      );
    }
    case 'contractForm':
      return <ContractFields contract={app.contract} number={app.number} />;
    case 'payment':
      return (
        <>
          {moneyInput('amount', '缴费金额（元）')}
          {dateInput('paidOn', '缴费日期')}
          <Form.Item name="receiptNo" label="收据编号">
            <Input maxLength={50} />
          </Form.Item>
        </>
      );
    case 'dispatchSheet':
      return <SheetFields />;
    case 'designChange':
      return moneyInput('budgetTotal', '变更后预算总额（元）', false);
    case 'acceptance':
      return (
        <>
          {dateInput('acceptedOn', '验收日期')}
          <Form.Item name="summary" label="验收信息" required>
            <Input.TextArea rows={3} maxLength={2000} placeholder="验收结论、参加人员、水表读数等" />
          </Form.Item>
        </>
      );
    case 'handover':
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
    case 'settlement':
      return moneyInput('finalAmount', '决算金额（元）', true, '将同时写入合同的结算金额');
    case 'meter':
      return <MeterFields />;
  }
}
