import { z } from 'zod';
import { isoDate } from './schemas/common';

/**
 * 立户导出: completed applications for the billing system (营业收费系统) to open accounts from. The
 * fields it can export are listed here; the administrator sets, for each, the column header the
 * billing system's import expects, whether it is exported, and the order (系统管理 → 立户导出).
 */
export const BILLING_FIELDS = {
  number: '报装编号',
  name: '户名',
  waterAddress: '用水地址',
  contactName: '联系人',
  contactPhone: '联系电话',
  address: '通讯地址',
  meterNumber: '表号',
  meterCaliber: '口径',
  meterModel: '型号',
  initialReading: '初始读数',
  waterType: '用水类型',
  kind: '用户类型',
  completedOn: '完成日期',
} as const satisfies Record<string, string>;

export type BillingField = keyof typeof BILLING_FIELDS;

export const BILLING_FIELD_KEYS = Object.keys(BILLING_FIELDS) as BillingField[];

export function isBillingField(value: string): value is BillingField {
  return Object.hasOwn(BILLING_FIELDS, value);
}

/** One column of the export: the field, its header in the billing system's words, whether exported. */
export interface BillingColumn {
  field: BillingField;
  header: string;
  included: boolean;
}

/** Until the administrator sets them: every field, under its own label, in the list's order. */
export const DEFAULT_BILLING_COLUMNS: readonly BillingColumn[] = BILLING_FIELD_KEYS.map((field) => ({
  field,
  header: BILLING_FIELDS[field],
  included: true,
}));

const columnSchema = z
  .object({
    field: z.enum(BILLING_FIELD_KEYS as [BillingField, ...BillingField[]], { error: '字段不正确' }),
    header: z
      .string({ error: '请填写列名' })
      .trim()
      .min(1, { error: '请填写列名' })
      .max(50, { error: '列名不能超过50个字' })
      // A header is one CSV cell: no line breaks, which the billing import would read as a new row.
      .regex(/^[^\r\n]*$/, { error: '列名不能换行' }),
    included: z.boolean({ error: '请选择是否导出' }),
  })
  .strict();

/**
 * PUT /api/settings/billing-export: every field once, in export order. Headers must differ (the
 * billing import finds its columns by name), and at least one column is exported.
 */
export const billingColumnsSchema = z
  .object({ columns: z.array(columnSchema, { error: '请设置导出列' }) })
  .strict()
  .superRefine(({ columns }, ctx) => {
    const seenFields = new Set<string>();
    const headers = new Map<string, number>();
    columns.forEach((column, index) => {
      if (seenFields.has(column.field)) {
        ctx.addIssue({ code: 'custom', path: ['columns', index, 'field'], message: `字段「${BILLING_FIELDS[column.field]}」重复` });
      }
      seenFields.add(column.field);
      const first = headers.get(column.header);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['columns', index, 'header'], message: `列名与第${first + 1}列重复` });
      } else {
        headers.set(column.header, index);
      }
    });
    const missing = BILLING_FIELD_KEYS.filter((f) => !seenFields.has(f));
    if (missing.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['columns'], message: `缺少字段：${missing.map((f) => BILLING_FIELDS[f]).join('、')}` });
    }
    if (!columns.some((c) => c.included)) {
      ctx.addIssue({ code: 'custom', path: ['columns'], message: '至少导出一列' });
    }
  });

export type BillingColumnsInput = z.output<typeof billingColumnsSchema>;

export const BILLING_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type BillingExportFormat = (typeof BILLING_EXPORT_FORMATS)[number];

/** GET /api/exports/billing.(csv|xlsx): applications completed (完成日期, China dates) in the range. */
export const billingExportQuerySchema = z
  .object({
    from: isoDate('开始日期'),
    to: isoDate('结束日期'),
  })
  .strict()
  .refine((q) => q.from <= q.to, { error: '开始日期不能晚于结束日期', path: ['to'] });

export type BillingExportQuery = z.output<typeof billingExportQuerySchema>;

/** The header row the export writes: the included columns' headers, in order. */
export function billingHeaderRow(columns: readonly BillingColumn[]): string[] {
  return columns.filter((c) => c.included).map((c) => c.header);
}

/** One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
