import type { ApplicationView } from './api/views';
import { ADDRESS_LABELS, NAME_LABELS, WATER_TYPE_LABELS, type ApplicantKind } from './domain';
import type { ApplicationForm } from './schemas/application';
import { maskCreditCode, maskPhone } from './format/mask';
import { caliberLabel, externalWorksLabel } from './fastTrack';

/**
 * 报装记录 entries that are not workflow actions. 修改申请 corrects a returned form: the state stays
 * 已退回, and the entry names each changed field with its old and new value.
 */
export const EDIT_HISTORY_ACTION = 'edit_form';
/** 转交: a staff member hands the current step to a colleague (internal: applicants do not see it). */
export const TRANSFER_HISTORY_ACTION = 'transfer';
export const EDIT_HISTORY_LABEL = '修改申请';

/** The form's values as an application holds them (and as its view shows them). */
export type FormValues = Pick<
  ApplicationView,
  | 'name'
  | 'creditCode'
  | 'contactName'
  | 'contactPhone'
  | 'address'
  | 'waterAddress'
  | 'waterType'
  | 'buildingArea'
  | 'caliber'
  | 'externalWorks'
>;

/**
 * What an application stores of a submitted form, on creation and on correction alike: a credit
 * code only for enterprises, and a resident is their own contact unless they name another.
 */
export function storedFormValues(form: ApplicationForm): FormValues {
  return {
    name: form.name,
    creditCode: form.kind === 'enterprise' ? (form.creditCode ?? null) : null,
    contactName: form.contactName ?? (form.kind === 'resident' ? form.name : null),
    contactPhone: form.contactPhone,
    address: form.address,
    waterAddress: form.waterAddress,
    waterType: form.waterType,
    buildingArea: form.buildingArea,
    caliber: form.caliber ?? null,
    externalWorks: form.externalWorks ?? null,
  };
}

export type FormField = keyof FormValues;

/** The fields that 修改申请 may change, in the form's order. */
export const FORM_FIELDS: readonly FormField[] = [
  'name',
  'creditCode',
  'contactName',
  'contactPhone',
  'address',
  'waterAddress',
  'waterType',
  'buildingArea',
  'caliber',
  'externalWorks',
];

/** One changed field of 修改申请, as its history entry stores it: values as the form shows them. */
export interface FormChange {
  field: FormField;
  label: string;
  from: string | null;
  to: string | null;
}

/** The payload of a 修改申请 entry; as presented it also carries `summary`, the changes in one line. */
// A type, not an interface: it is stored as a history entry's payload, a plain record.
export type EditHistoryPayload = { changes: FormChange[] };

/** What the form calls a field (the name and address fields are worded per kind). */
export function formFieldLabel(field: FormField, kind: ApplicantKind): string {
  switch (field) {
    case 'name':
      return NAME_LABELS[kind];
    case 'address':
      return ADDRESS_LABELS[kind];
    case 'creditCode':
      return '社会信用代码';
    case 'contactName':
      return '联系人';
    case 'contactPhone':
      return '联系电话';
    case 'waterAddress':
      return '申请用水地址';
    case 'waterType':
      return '报装类型';
    case 'buildingArea':
      return '建筑面积';
    case 'caliber':
      return '用水口径';
    case 'externalWorks':
      return '是否涉及外线工程';
  }
}

function shown(field: FormField, values: FormValues): string | null {
  if (field === 'waterType') {
    return WATER_TYPE_LABELS[values.waterType];
  }
  if (field === 'buildingArea') {
    return `${values.buildingArea} m²`;
  }
  if (field === 'caliber') {
    return values.caliber === null ? null : caliberLabel(values.caliber);
  }
  if (field === 'externalWorks') {
    return values.externalWorks === null ? null : externalWorksLabel(values.externalWorks);
  }
  return values[field];
}

/** The fields that differ between two versions of a form, in the form's order. */
export function formChanges(kind: ApplicantKind, before: FormValues, after: FormValues): FormChange[] {
  return FORM_FIELDS.filter((field) => before[field] !== after[field]).map((field) => ({
    field,
    label: formFieldLabel(field, kind),
    from: shown(field, before),
    to: shown(field, after),
  }));
}

/** Contact details in a change, hidden as the application view hides them from roles that do not call customers. */
const MASKS: Partial<Record<FormField, (value: string) => string>> = { contactPhone: maskPhone, creditCode: maskCreditCode };

/** The changes with phone numbers and credit codes masked. */
export function maskFormChanges(changes: readonly FormChange[]): FormChange[] {
  return changes.map((change) => {
    const mask = MASKS[change.field];
    return mask
      ? { ...change, from: change.from === null ? null : mask(change.from), to: change.to === null ? null : mask(change.to) }
      : change;
  });
}

/** 「联系电话：139****5678 → 138****5678；建筑面积：96.5 m² → 120 m²」 */
export function describeFormChanges(changes: readonly FormChange[]): string {
  return changes.map((c) => `${c.label}：${c.from ?? '（未填）'} → ${c.to ?? '（未填）'}`).join('；');
}
