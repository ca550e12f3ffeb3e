import { z } from 'zod';

const page = z.coerce.number({ error: '页码不正确' }).int().min(1, { error: '页码不正确' }).default(1);
const pageSize = z.coerce.number({ error: '每页条数不正确' }).int().min(1).max(200, { error: '每页最多200条' }).default(20);

export const myNotificationsQuery = z.object({
  page,
  pageSize,
  applicationId: z.coerce.number().int().positive().optional(),
});
export type MyNotificationsQuery = z.output<typeof myNotificationsQuery>;

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'recorded', 'failed'] as const;

export const adminNotificationsQuery = z.object({
  page,
  pageSize,
  status: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').filter(Boolean) : []))
    .pipe(z.array(z.enum(NOTIFICATION_STATUSES, { error: '状态不正确' }))),
  audience: z.enum(['applicant', 'staff'], { error: '对象不正确' }).optional(),
  number: z.string().trim().max(32).optional(),
  event: z.string().trim().max(40).optional(),
});
export type AdminNotificationsQuery = z.output<typeof adminNotificationsQuery>;

export const idParams = z.object({ id: z.coerce.number({ error: '编号不正确' }).int().positive({ error: '编号不正确' }) });
export type IdParams = z.output<typeof idParams>;
