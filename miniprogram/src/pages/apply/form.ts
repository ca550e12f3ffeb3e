import type { ApplicantKind, ApplicationFormInput, WaterType } from '@wc/shared';
import type { Application } from '../../services/types';

/** What the inputs hold: text as typed; the shared schema turns it into the API's form. */
export interface ApplyValues {
  kind: ApplicantKind;
  name: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  address: string;
  waterAddress: string;
  waterType: WaterType | '';
  buildingArea: string;
  /** 用水口径 as the DN number ('' unanswered); drafts saved before it was asked lack it. */
  caliber?: string;
  /** 是否涉及外线工程: 'yes', 'no' or '' (unanswered). */
  externalWorks?: string;
}

export function emptyValues(kind: ApplicantKind): ApplyValues {
  return {
    kind,
    name: '',
    creditCode: '',
    contactName: '',
    contactPhone: '',
    address: '',
    waterAddress: '',
    // Residents may only apply for permanent water: nothing to choose.
    waterType: kind === 'resident' ? 'permanent' : '',
    buildingArea: '',
    caliber: '',
    externalWorks: '',
  };
}

/** The request body: fields that do not apply to the kind are left out rather than sent empty. */
export function toFormInput(v: ApplyValues): ApplicationFormInput {
  const input: Record<string, unknown> = {
    kind: v.kind,
    name: v.name,
    contactPhone: v.contactPhone,
    address: v.address,
    waterAddress: v.waterAddress,
    waterType: v.waterType || undefined,
    buildingArea: v.buildingArea.trim() === '' ? undefined : v.buildingArea.trim(),
    caliber: v.caliber ? Number(v.caliber) : undefined,
    externalWorks: v.externalWorks === 'yes' ? true : v.externalWorks === 'no' ? false : undefined,
  };
  if (v.kind === 'enterprise') {
    input.creditCode = v.creditCode;
  }
  if (v.contactName.trim() !== '' || v.kind === 'enterprise') {
    input.contactName = v.contactName;
  }
  return input as ApplicationFormInput;
}

/** The inputs filled from an application (correcting a returned one). */
export function valuesFrom(app: Application): ApplyValues {
  return {
    kind: app.kind,
    name: app.name,
    creditCode: app.creditCode ?? '',
    contactName: app.contactName ?? '',
    contactPhone: app.contactPhone,
    address: app.address,
    waterAddress: app.waterAddress,
    waterType: app.waterType,
    buildingArea: String(app.buildingArea),
    caliber: app.caliber === null ? '' : String(app.caliber),
    externalWorks: app.externalWorks === null ? '' : app.externalWorks ? 'yes' : 'no',
  };
}

export function isApplyValues(value: unknown): value is ApplyValues {
  const v = value as Partial<ApplyValues> | null;
  return !!v && (v.kind === 'enterprise' || v.kind === 'resident') && typeof v.name === 'string' && typeof v.buildingArea === 'string';
}

/** True when nothing but the defaults has been typed: such a draft is not worth keeping. */
export function isBlank(v: ApplyValues): boolean {
  return (['name', 'creditCode', 'contactName', 'contactPhone', 'address', 'waterAddress', 'buildingArea'] as const).every(
    (key) => v[key].trim() === '',
  );
}
