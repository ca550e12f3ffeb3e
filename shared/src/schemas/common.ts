import { z } from 'zod';

/** A required single-line text: trimmed, not empty, at most `max` characters. */
export function requiredText(label: string, max: number) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字` });
}

/** An optional single-line text; empty input becomes undefined. */
export function optionalText(label: string, max: number) {
  return z
    .string({ error: `${label}格式不正确` })
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .optional()
    .transform((v) => (v === '' ? undefined : v));
}

/** A positive money amount in yuan with at most two decimals, from a number or numeric text. */
export function money(label: string) {
  return z.coerce
    .number({ error: `请填写${label}（数字）` })
    .refine((n) => Number.isFinite(n), { error: `请填写${label}（数字）` })
    .refine((n) => n >= 0, { error: `${label}不能为负数` })
    .refine((n) => n <= 1e10, { error: `${label}超出范围` })
    .refine((n) => Math.round(n * 100) === n * 100 || Math.abs(Math.round(n * 100) - n * 100) < 1e-6, {
      error: `${label}最多保留两位小数`,
    });
}

export const idParam = z.coerce.number({ error: '编号格式不正确' }).int().positive({ error: '编号格式不正确' });

/** ISO date (`yyyy-MM-dd`) as typed in a date picker. */
export function isoDate(label: string) {
  return z
    .string({ error: `请选择${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 年-月-日` })
    .refine((s) => !Number.isNaN(new Date(`${s}T00:00:00+08:00`).getTime()), { error: `${label}不是有效日期` });
}

export const paginationSchema = z.object({
  page: z.coerce.number().int().min(1, { error: '页码从1开始' }).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, { error: '每页最多200条' }).default(20),
});

export interface Page {
  page: number;
  pageSize: number;
  total: number;
}
