import { z } from 'zod';
import { APPLICANT_KINDS, chinaDate } from '@wc/shared';

const DAY_MS = 24 * 3600 * 1000;
const day = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 年-月-日` })
    .optional();

/** The dashboard's window (China calendar days, inclusive; the last 90 days unless given) and flow. */
export const dashboardQuerySchema = z
  .object({
    from: day('开始日期'),
    to: day('结束日期'),
    kind: z.enum(APPLICANT_KINDS, { error: '报装用户类型不正确' }).optional(),
  })
  .strict()
  .transform((q) => {
    const to = q.to ?? chinaDate(new Date());
    const from = q.from ?? chinaDate(new Date(Date.parse(`${to}T00:00:00+08:00`) - 89 * DAY_MS));
    return { ...q, from, to };
  })
  .refine((q) => q.from <= q.to, { error: '开始日期不能晚于结束日期', path: ['from'] });

export type DashboardQueryInput = z.output<typeof dashboardQuerySchema>;
