import type { ContractFields, DispatchSheet, MeterRecord, StateKey } from '@wc/shared';

/**
 * The parsed body of an action: which fields exist depends on the action (its `input` schema in the
 * shared catalogue), so every field is optional here.
 */
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
  /** 原因类别, for the actions that ask one. */
  reasonCategoryId?: number;
  meter?: MeterRecord;
}
