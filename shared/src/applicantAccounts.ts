import { z } from 'zod';
import type { ApplicantKind } from './domain';

/** 报装用户管理's list: by name, user name or phone; by status; one page at a time. */
export const applicantQuerySchema = z
  .object({
    q: z.string().trim().max(50).optional(),
    status: z.enum(['active', 'locked', 'disabled'], { error: '状态不正确' }).optional(),
    page: z.coerce.number().int().min(1, { error: '页码从1开始' }).default(1),
    pageSize: z.coerce.number().int().min(1).max(200, { error: '每页最多200条' }).default(20),
  })
  .strict();

export type ApplicantQuery = z.output<typeof applicantQuerySchema>;

export const applicantEnabledSchema = z.object({ enabled: z.boolean({ error: '请选择启用或停用' }) }).strict();

/** An applicant account as administrators see it (the phone masked: the application has the contact). */
export interface ApplicantAccountView {
  id: number;
  username: string;
  displayName: string;
  phone: string | null;
  applicantKind: ApplicantKind | null;
  applicantKindLabel: string;
  enabled: boolean;
  locked: boolean;
  lockedUntil: string | null;
  hasPassword: boolean;
  wechatBound: boolean;
  applications: number;
  createdAt: string;
}

/** POST /api/applicants/:id/reset-password: the temporary password, shown once to the administrator. */
export interface PasswordResetView {
  temporaryPassword: string;
}
