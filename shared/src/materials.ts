import { z } from 'zod';
import { ATTACHMENT_CATEGORIES, MATERIAL_CATEGORIES, type MaterialCategory } from './attachments';
import { APPLICANT_KINDS, type ApplicantKind } from './domain';

/** How an application form treats one paper: not asked for, offered, or required before review. */
export const MATERIAL_MODES = ['off', 'optional', 'required'] as const;
export type MaterialMode = (typeof MATERIAL_MODES)[number];

export const MATERIAL_MODE_LABELS: Record<MaterialMode, string> = { off: '不需要', optional: '可选', required: '必须' };

/** 申请材料设置: per applicant kind, what each paper is. */
export type MaterialSettings = Record<ApplicantKind, Record<MaterialCategory, MaterialMode>>;

/**
 * Used while an administrator has set nothing. The manual names no paper as mandatory, and requiring
 * one on deployment would stop every application already waiting for review, so every paper that
 * fits the kind is offered and none required until an administrator says so (申请材料设置).
 */
export const DEFAULT_MATERIAL_SETTINGS: MaterialSettings = {
  enterprise: { business_licence: 'optional', id_card: 'off', property_proof: 'optional', application_form: 'optional' },
  resident: { business_licence: 'off', id_card: 'optional', property_proof: 'optional', application_form: 'optional' },
};

/** What the settings screen offers as 推荐设置: the papers a water company usually asks for. */
export const RECOMMENDED_MATERIAL_SETTINGS: MaterialSettings = {
  enterprise: { business_licence: 'required', id_card: 'optional', property_proof: 'required', application_form: 'required' },
  resident: { business_licence: 'off', id_card: 'required', property_proof: 'required', application_form: 'optional' },
};

/** One paper as a form shows it. */
export interface MaterialSlot {
  category: MaterialCategory;
  label: string;
  required: boolean;
}

/** The papers a form for `kind` shows, in order, required ones marked. */
export function materialSlots(settings: MaterialSettings, kind: ApplicantKind): MaterialSlot[] {
  return MATERIAL_CATEGORIES.filter((c) => settings[kind][c] !== 'off').map((category) => ({
    category,
    label: ATTACHMENT_CATEGORIES[category].label,
    required: settings[kind][category] === 'required',
  }));
}

/** The required papers of `kind` that `present` (categories with a current file) lacks. */
export function missingMaterials(settings: MaterialSettings, kind: ApplicantKind, present: readonly string[]): MaterialCategory[] {
  return MATERIAL_CATEGORIES.filter((c) => settings[kind][c] === 'required' && !present.includes(c));
}

/** 「请先上传申请材料：营业执照、产权证明」 */
export function missingMaterialsMessage(missing: readonly MaterialCategory[]): string {
  return `请先上传申请材料：${missing.map((c) => ATTACHMENT_CATEGORIES[c].label).join('、')}`;
}

const modeSchema = z.enum(MATERIAL_MODES, { error: '请选择「不需要」「可选」或「必须」' });
const kindSettingsSchema = z
  .object(Object.fromEntries(MATERIAL_CATEGORIES.map((c) => [c, modeSchema])) as Record<MaterialCategory, typeof modeSchema>)
  .strict();

/** PUT /api/settings/materials: both kinds, every paper. */
export const materialSettingsSchema = z
  .object(Object.fromEntries(APPLICANT_KINDS.map((k) => [k, kindSettingsSchema])) as Record<ApplicantKind, typeof kindSettingsSchema>)
  .strict();
