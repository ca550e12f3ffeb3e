import { Op, type Transaction } from 'sequelize';
import {
  ATTACHMENT_CATEGORIES,
  STATES,
  formatContractNumber,
  chinaParts,
  type ContractFields,
  type DispatchSheet,
  type StateKey,
} from '@wc/shared';
import { AppError, fieldError } from '../../errors';
import { type Application, Contract, User, UserRole } from '../../models';
import { nextCounterValue } from '../counters';
import { currentAttachment } from './facts';

/** The parsed body of an action; which fields exist depends on the action (shared ACTION_INPUT_SCHEMAS). */
export interface ActionInputData {
  comment?: string;
  version?: number;
  assignees?: Partial<Record<StateKey, number>>;
  summary?: string;
  budgetTotal?: number;
  budgetAttachmentId?: number;
  changeAttachmentId?: number;
  contract?: ContractFields;
  amount?: number;
  paidOn?: string;
  receiptNo?: string;
  sheet?: DispatchSheet;
  acceptedOn?: string;
  handedOverOn?: string;
  receiver?: string;
  finalAmount?: number;
}

/** Creates the contract with a generated number (YJ-GS-<year>-<n>) when drafting begins. */
export async function ensureContract(app: Application, now: Date, t: Transaction): Promise<Contract> {
  const existing = await Contract.findOne({ where: { applicationId: app.id }, transaction: t });
  if (existing) {
    return existing;
  }
  const year = chinaParts(now).year;
  const n = await nextCounterValue(`YJ-GS-${year}`, t);
  return Contract.create(
    {
      applicationId: app.id,
      number: formatContractNumber(year, n),
      name: `${app.name}供水工程合同`,
      place: app.waterAddress,
      partyA: app.name,
      partyB: null,
      amount: app.budgetTotal,
      settlementAmount: null,
      stages: [],
      submittedAt: null,
    },
    { transaction: t },
  );
}

async function saveContractFields(app: Application, fields: ContractFields, now: Date, t: Transaction): Promise<void> {
  const contract = await ensureContract(app, now, t);
  if (fields.number && fields.number !== contract.number) {
    const taken = await Contract.count({ where: { number: fields.number, id: { [Op.ne]: contract.id } }, transaction: t });
    if (taken > 0) {
      throw fieldError('contract.number', '合同编号已被其他合同使用');
    }
  }
  await contract.update(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)), { transaction: t });
}

/** Assignees chosen at dispatch must be enabled staff holding the role that handles their step. */
async function checkAssignees(assignees: Partial<Record<StateKey, number>>, t: Transaction): Promise<void> {
  for (const [state, userId] of Object.entries(assignees) as [StateKey, number][]) {
    const handler = STATES[state].handlers[0];
    if (!handler || handler === 'applicant' || handler === 'contract_stage_role') {
      throw fieldError(`assignees.${state}`, `「${STATES[state].label}」不能指定办理人`);
    }
    const user = await User.findOne({
      where: { id: userId, kind: 'staff', enabled: true },
      include: [{ model: UserRole, as: 'roles', where: { role: handler }, required: true }],
      transaction: t,
    });
    if (!user) {
      throw fieldError(`assignees.${state}`, `所选人员不能办理「${STATES[state].label}」`);
    }
  }
}

/**
 * Writes the data an action carries that its guards must see (contract fields, dispatch sheet,
 * assignees), before the transition is computed. If the transition is refused, the surrounding
 * transaction rolls all of it back.
 */
export async function saveActionInput(app: Application, action: string, input: ActionInputData, now: Date, t: Transaction): Promise<void> {
  if ((action === 'save_contract' || action === 'submit_contract') && input.contract) {
    await saveContractFields(app, input.contract, now, t);
  }
  if ((action === 'save_dispatch_sheet' || action === 'start_construction') && input.sheet) {
    app.dispatchSheet = input.sheet;
  }
  if (action === 'dispatch' && input.assignees) {
    await checkAssignees(input.assignees, t);
  }
}

async function confirmedVersion(
  app: Application,
  categories: readonly ('budget' | 'construction_drawing' | 'construction_drawing_pdf' | 'design_change' | 'change_budget')[],
  claimedId: number | undefined,
  t: Transaction,
): Promise<Record<string, unknown>> {
  const payload: Record<string, unknown> = {};
  for (const [index, category] of categories.entries()) {
    const current = await currentAttachment(app.id, category, t);
    if (!current) {
      throw new AppError('GUARD_FAILED', `尚未上传${ATTACHMENT_CATEGORIES[category].label}`);
    }
    // The first category is the one the person looked at: it must still be the current version.
    if (index === 0 && claimedId !== current.id) {
      throw new AppError('STATE_CONFLICT', `${ATTACHMENT_CATEGORIES[category].label}已更新，请查看最新版本后再操作`);
    }
    payload[category] = { attachmentId: current.id, sha256: current.sha256, displayName: current.displayName };
  }
  return payload;
}

/**
 * What the history entry of an action records beyond who/when/comment: the figures entered and, for
 * confirmations, the exact file versions (id and SHA-256) the decision was about.
 */
export async function actionPayload(
  app: Application,
  action: string,
  input: ActionInputData,
  t: Transaction,
): Promise<Record<string, unknown>> {
  switch (action) {
    case 'dispatch':
      return { assignees: input.assignees ?? {} };
    case 'submit_survey':
      return { summary: input.summary };
    case 'submit_design':
      return { budgetTotal: input.budgetTotal };
    case 'confirm_design':
    case 'reject_design':
      return {
        confirmed: action === 'confirm_design',
        ...(await confirmedVersion(app, ['budget', 'construction_drawing', 'construction_drawing_pdf'], input.budgetAttachmentId, t)),
      };
    case 'confirm_change':
    case 'reject_change':
      return {
        confirmed: action === 'confirm_change',
        ...(await confirmedVersion(app, ['design_change', 'change_budget'], input.changeAttachmentId, t)),
      };
    case 'save_contract':
    case 'submit_contract': {
      const contract = await Contract.findOne({ where: { applicationId: app.id }, transaction: t });
      return contract
        ? {
            contract: {
              number: contract.number,
              name: contract.name,
              place: contract.place,
              partyA: contract.partyA,
              partyB: contract.partyB,
              amount: contract.amount,
            },
          }
        : {};
    }
    case 'record_payment':
      return { amount: input.amount, paidOn: input.paidOn, receiptNo: input.receiptNo ?? null };
    case 'save_dispatch_sheet':
    case 'start_construction':
      return { sheet: app.dispatchSheet };
    case 'design_change':
      return { budgetTotal: input.budgetTotal ?? null };
    case 'submit_acceptance':
      return { acceptedOn: input.acceptedOn, summary: input.summary };
    case 'submit_handover':
      return { handedOverOn: input.handedOverOn, receiver: input.receiver, summary: input.summary ?? null };
    case 'submit_settlement':
      return { finalAmount: input.finalAmount };
    default:
      return {};
  }
}
