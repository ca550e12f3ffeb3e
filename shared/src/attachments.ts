import type { StaffRole } from './roles';

/** File types we recognise from a file's first bytes (never from its name alone). */
export const FILE_KINDS = ['jpeg', 'png', 'heic', 'webp', 'pdf', 'dwg', 'xlsx', 'xls'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const FILE_KIND_LABELS: Record<FileKind, string> = {
  jpeg: 'JPEG 图片',
  png: 'PNG 图片',
  heic: 'HEIC 图片',
  webp: 'WebP 图片',
  pdf: 'PDF 文档',
  dwg: 'DWG 图纸',
  xlsx: 'Excel 表格(.xlsx)',
  xls: 'Excel 表格(.xls)',
};

export const FILE_KIND_MIME: Record<FileKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/heic',
  webp: 'image/webp',
  pdf: 'application/pdf',
  dwg: 'image/vnd.dwg',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
};

const PHOTO: readonly FileKind[] = ['jpeg', 'png', 'heic', 'webp'];
const PHOTO_OR_PDF: readonly FileKind[] = [...PHOTO, 'pdf'];
const MB = 1024 * 1024;

export interface CategoryDef {
  label: string;
  /** Which types the content may be. */
  kinds: readonly FileKind[];
  /** Default size limit; operators can change it per category through configuration. */
  maxBytes: number;
  /** A newer upload becomes current and the older one stays as a previous version. */
  versioned: boolean;
  /** Applicants may download it (only on their own applications). */
  applicantVisible: boolean;
  /** When set, only these staff roles (and administrators) may download it. */
  staffRoles?: readonly StaffRole[];
  /**
   * The uploader types the name from nothing (其他资料: the archive is searched by it), so the name
   * must say more than the application's number and the category.
   */
  typedName?: boolean;
}

/**
 * Attachment categories (附件类别): which step a file belongs to and what it is.
 * Everything done offline ends up here; the workflow's guards name these keys.
 */
export const ATTACHMENT_CATEGORIES = {
  site_photo: { label: '勘察照片', kinds: PHOTO, maxBytes: 30 * MB, versioned: false, applicantVisible: false },
  scheme_sketch: { label: '方案草图', kinds: PHOTO_OR_PDF, maxBytes: 50 * MB, versioned: true, applicantVisible: true },
  signed_scheme: { label: '用户签字方案', kinds: PHOTO_OR_PDF, maxBytes: 50 * MB, versioned: true, applicantVisible: true },
  construction_drawing: { label: '施工图', kinds: ['dwg'], maxBytes: 2048 * MB, versioned: true, applicantVisible: true },
  construction_drawing_pdf: { label: '施工图(PDF)', kinds: ['pdf'], maxBytes: 500 * MB, versioned: true, applicantVisible: true },
  budget: { label: '预算书', kinds: ['xlsx', 'xls'], maxBytes: 50 * MB, versioned: true, applicantVisible: true },
  signed_contract: {
    label: '双方签字合同',
    kinds: PHOTO_OR_PDF,
    maxBytes: 100 * MB,
    versioned: true,
    applicantVisible: true,
    staffRoles: ['contract_clerk', 'contract_approver', 'leader', 'cashier', 'budgeter'],
  },
  payment_receipt: {
    label: '缴费凭证',
    kinds: PHOTO_OR_PDF,
    maxBytes: 30 * MB,
    versioned: false,
    applicantVisible: false,
    staffRoles: ['cashier', 'leader', 'contract_clerk', 'budgeter'],
  },
  entry_photo: { label: '进场照片', kinds: PHOTO, maxBytes: 30 * MB, versioned: false, applicantVisible: false },
  completion_photo: { label: '完工照片', kinds: PHOTO, maxBytes: 30 * MB, versioned: false, applicantVisible: false },
  water_on_photo: { label: '通水照片', kinds: PHOTO, maxBytes: 30 * MB, versioned: false, applicantVisible: false },
  visa: { label: '现场签证', kinds: PHOTO_OR_PDF, maxBytes: 30 * MB, versioned: false, applicantVisible: true },
  design_change: {
    label: '设计变更图纸',
    kinds: ['dwg', 'pdf', ...PHOTO],
    maxBytes: 2048 * MB,
    versioned: true,
    applicantVisible: true,
  },
  change_budget: { label: '变更预算', kinds: ['xlsx', 'xls'], maxBytes: 50 * MB, versioned: true, applicantVisible: true },
  acceptance_form: { label: '验收单', kinds: PHOTO_OR_PDF, maxBytes: 30 * MB, versioned: true, applicantVisible: false },
  acceptance_photo: { label: '验收现场照片', kinds: PHOTO, maxBytes: 30 * MB, versioned: false, applicantVisible: false },
  handover_form: { label: '移交单', kinds: PHOTO_OR_PDF, maxBytes: 30 * MB, versioned: true, applicantVisible: false },
  as_built_drawing: {
    label: '竣工图',
    kinds: ['dwg', 'pdf'],
    maxBytes: 2048 * MB,
    versioned: true,
    applicantVisible: true,
  },
  settlement_doc: {
    label: '决算书',
    kinds: ['pdf', 'xlsx', 'xls', ...PHOTO],
    maxBytes: 100 * MB,
    versioned: true,
    applicantVisible: true,
    staffRoles: ['budgeter', 'cashier', 'leader', 'contract_clerk', 'contract_approver'],
  },
  other: {
    label: '其他资料',
    kinds: [...PHOTO_OR_PDF, 'dwg', 'xlsx', 'xls'],
    maxBytes: 200 * MB,
    versioned: false,
    applicantVisible: false,
    typedName: true,
  },
  // 申请材料: the applicant's papers, attached when applying (or scanned at the window). Not
  // versioned: an ID card is two photos, a deed several pages.
  business_licence: { label: '营业执照', kinds: PHOTO_OR_PDF, maxBytes: 20 * MB, versioned: false, applicantVisible: true },
  id_card: { label: '身份证', kinds: PHOTO_OR_PDF, maxBytes: 20 * MB, versioned: false, applicantVisible: true },
  property_proof: { label: '产权证明', kinds: PHOTO_OR_PDF, maxBytes: 20 * MB, versioned: false, applicantVisible: true },
  application_form: { label: '用水申请表', kinds: PHOTO_OR_PDF, maxBytes: 20 * MB, versioned: false, applicantVisible: true },
} as const satisfies Record<string, CategoryDef>;

export type AttachmentCategory = keyof typeof ATTACHMENT_CATEGORIES;

export const ATTACHMENT_CATEGORY_KEYS = Object.keys(ATTACHMENT_CATEGORIES) as AttachmentCategory[];

/** 申请材料: the papers an application comes with, in the order forms show them. */
export const MATERIAL_CATEGORIES = [
  'business_licence',
  'id_card',
  'property_proof',
  'application_form',
] as const satisfies readonly AttachmentCategory[];
export type MaterialCategory = (typeof MATERIAL_CATEGORIES)[number];

export function isMaterialCategory(value: unknown): value is MaterialCategory {
  return typeof value === 'string' && (MATERIAL_CATEGORIES as readonly string[]).includes(value);
}

export function isAttachmentCategory(value: unknown): value is AttachmentCategory {
  return typeof value === 'string' && value in ATTACHMENT_CATEGORIES;
}

export function categoryDef(category: AttachmentCategory): CategoryDef {
  return ATTACHMENT_CATEGORIES[category];
}
