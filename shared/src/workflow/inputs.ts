import { z } from 'zod';
import { STAFF_ROLES } from '../roles';
import { isoDate, money, optionalText, requiredText } from '../schemas/common';
import { behaviourOf, type ActionKey } from './catalogue';
import { optionalInitialReadingSchema, residentMeterSchema } from './meterInput';
import { STATE_KEYS } from './types';

/** Contract fields (合同信息). 结算金额 is filled at settlement, not here. */
export const contractFieldsSchema = z
  .object({
    number: z
      .string()
      .trim()
      .min(1, { error: '请填写合同编号' })
      .max(40, { error: '合同编号不能超过40个字符' })
      .regex(/^[A-Za-z0-9-]+$/, { error: '合同编号只能包含字母、数字和 -' })
      .optional(),
    name: optionalText('合同名称', 100),
    place: optionalText('履行地点', 200),
    partyA: optionalText('合同甲方', 100),
    partyB: optionalText('合同乙方', 100),
    amount: money('合同金额').optional(),
  })
  .strict();

export type ContractFields = z.output<typeof contractFieldsSchema>;

export const CONTRACT_REQUIRED_FIELDS = ['number', 'name', 'place', 'partyA', 'partyB', 'amount'] as const;

/** A contract may be submitted for approval once every field but the settlement amount is filled. */
export function isContractComplete(fields: Partial<Record<(typeof CONTRACT_REQUIRED_FIELDS)[number], unknown>>): boolean {
  return CONTRACT_REQUIRED_FIELDS.every((key) => fields[key] !== undefined && fields[key] !== null && fields[key] !== '');
}

export const materialSchema = z
  .object({
    name: requiredText('材料名称', 100),
    spec: optionalText('规格型号', 100),
    unit: requiredText('单位', 20),
    quantity: z.coerce.number({ error: '请填写数量（数字）' }).refine((n) => Number.isFinite(n) && n > 0, { error: '数量必须大于0' }),
  })
  .strict();

export const meterSchema = z
  .object({
    number: requiredText('水表编号', 50),
    caliber: requiredText('水表口径', 20),
    model: requiredText('水表型号', 50),
    // Added for the billing export (立户); sheets saved before it have none.
    initialReading: optionalInitialReadingSchema,
  })
  .strict();

/** Dispatch sheet (派工单): materials list and water meter data. */
export const dispatchSheetSchema = z
  .object({
    materials: z.array(materialSchema, { error: '请填写材料清单' }).min(1, { error: '至少填写一项材料' }).max(200),
    meter: meterSchema,
  })
  .strict();

export type DispatchSheet = z.output<typeof dispatchSheetSchema>;

export function isDispatchSheetComplete(sheet: unknown): boolean {
  return dispatchSheetSchema.safeParse(sheet).success;
}

const comment = z.string({ error: '意见格式不正确' }).trim().max(2000, { error: '意见不能超过2000字' }).optional();

const base = {
  comment,
  /** The version the client saw; a mismatch means someone else acted first (409). */
  version: z.coerce.number().int().nonnegative().optional(),
};

const attachmentRef = (label: string) =>
  z.coerce
    .number({ error: `请指明${label}` })
    .int()
    .positive({ error: `请指明${label}` });

/** The bodies of the actions (POST /api/applications/:id/actions/:action); each action names its own in catalogue.ts. Unknown fields are refused. */
export const commentOnlyInput = z.object(base).strict();

export const dispatchInput = z
  .object({
    ...base,
    assignees: z
      .partialRecord(z.enum(STATE_KEYS, { error: '步骤不正确' }), z.coerce.number().int().positive({ error: '人员不正确' }))
      .optional(),
  })
  .strict();
export const surveyInput = z.object({ ...base, summary: requiredText('勘察方案说明', 2000) }).strict();
export const surveyBudgetInput = z
  .object({ ...base, summary: requiredText('勘察方案说明', 2000), budgetTotal: money('预算总额') })
  .strict();
export const designInput = z.object({ ...base, budgetTotal: money('预算总额') }).strict();
export const designDecisionInput = z.object({ ...base, budgetAttachmentId: attachmentRef('所查看的预算书') }).strict();
export const changeDecisionInput = z.object({ ...base, changeAttachmentId: attachmentRef('所查看的设计变更') }).strict();
export const contractInput = z.object({ ...base, contract: contractFieldsSchema.optional() }).strict();
export const paymentInput = z
  .object({ ...base, amount: money('缴费金额'), paidOn: isoDate('缴费日期'), receiptNo: optionalText('收据编号', 50) })
  .strict();
export const dispatchSheetInput = z.object({ ...base, sheet: dispatchSheetSchema }).strict();
export const startConstructionInput = z.object({ ...base, sheet: dispatchSheetSchema.optional() }).strict();
export const designChangeInput = z.object({ ...base, budgetTotal: money('变更后预算总额').optional() }).strict();
export const acceptanceInput = z.object({ ...base, acceptedOn: isoDate('验收日期'), summary: requiredText('验收信息', 2000) }).strict();
export const handoverInput = z
  .object({
    ...base,
    handedOverOn: isoDate('移交日期'),
    receiver: requiredText('接收单位/接收人', 100),
    summary: optionalText('移交信息', 2000),
  })
  .strict();
export const settlementInput = z.object({ ...base, finalAmount: money('决算金额') }).strict();
export const meterInput = z.object({ ...base, meter: residentMeterSchema }).strict();

/** Contract approval stages as configured (name + role). */
export const contractStageSchema = z
  .object({
    name: requiredText('审批环节名称', 50),
    role: z.enum(STAFF_ROLES, { error: '请选择审批角色' }),
  })
  .strict();

export const contractStagesSchema = z.array(contractStageSchema).length(7, { error: '合同审批共七个环节' });

/** The named bodies the catalogue's actions refer to. */
export const ACTION_INPUTS = {
  dispatch: dispatchInput,
  survey: surveyInput,
  surveyBudget: surveyBudgetInput,
  design: designInput,
  designDecision: designDecisionInput,
  changeDecision: changeDecisionInput,
  contract: contractInput,
  payment: paymentInput,
  dispatchSheet: dispatchSheetInput,
  startConstruction: startConstructionInput,
  designChange: designChangeInput,
  acceptance: acceptanceInput,
  handover: handoverInput,
  settlement: settlementInput,
  meter: meterInput,
} as const;

export type ActionInputName = keyof typeof ACTION_INPUTS;

/** The 原因类别 a reason action's body must name (which ones apply is the server's to check). */
const reasonCategoryId = z.coerce
  .number({ error: '请选择原因类别' })
  .int({ error: '请选择原因类别' })
  .positive({ error: '请选择原因类别' });

// Built once per action: an extended schema is a new one, which zod compiles again at its first parse.
const schemaByAction = new Map<ActionKey, z.ZodType<Record<string, unknown>>>();

/** The schema of an action's body: its named input, or a comment (and the version) only; reason actions add their category. */
export function actionInputSchema(key: ActionKey): z.ZodType<Record<string, unknown>> {
  let built = schemaByAction.get(key);
  if (!built) {
    const behaviour = behaviourOf(key);
    const schema: z.ZodObject = behaviour.input ? ACTION_INPUTS[behaviour.input] : commentOnlyInput;
    built = behaviour.reason ? schema.extend({ reasonCategoryId }) : schema;
    schemaByAction.set(key, built);
  }
  return built;
}
