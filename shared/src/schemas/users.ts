import { z } from 'zod';
import { STAFF_ROLES } from '../roles';
import { isValidPhone, normalizePhone } from '../validation/phone';
import { passwordSchema, usernameSchema } from './auth';

const rolesSchema = z
  .array(z.enum(STAFF_ROLES, { error: '角色不正确' }), { error: '请选择角色' })
  .min(1, { error: '至少选择一个角色' })
  .transform((roles) => [...new Set(roles)]);

const phoneSchema = z
  .string()
  .transform(normalizePhone)
  .refine((v) => v === '' || isValidPhone(v), { error: '电话格式不正确' })
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/**
 * 企业微信 userid (通讯录 → 成员详情 → 账号): 1–64 letters, digits and _ - . @ as WeCom allows;
 * empty or null clears it.
 */
const wecomUserIdSchema = z
  .string({ error: '企业微信账号不正确' })
  .trim()
  .max(64, { error: '企业微信账号不能超过64个字符' })
  .refine((v) => v === '' || /^[A-Za-z0-9_.@-]+$/.test(v), { error: '企业微信账号只能包含字母、数字和 _ - . @' })
  .nullable()
  .transform((v) => (v === null || v === '' ? null : v))
  .optional();

export const createStaffUserSchema = z
  .object({
    username: usernameSchema,
    displayName: z.string({ error: '请填写姓名' }).trim().min(1, { error: '请填写姓名' }).max(50, { error: '姓名不能超过50个字' }),
    phone: phoneSchema,
    password: passwordSchema,
    roles: rolesSchema,
    wecomUserId: wecomUserIdSchema,
  })
  .strict();

export const updateStaffUserSchema = z
  .object({
    displayName: z.string().trim().min(1, { error: '请填写姓名' }).max(50, { error: '姓名不能超过50个字' }).optional(),
    phone: phoneSchema,
    roles: rolesSchema.optional(),
    enabled: z.boolean({ error: '状态不正确' }).optional(),
    password: passwordSchema.optional(),
    wecomUserId: wecomUserIdSchema,
  })
  .strict();

export type CreateStaffUserInput = z.input<typeof createStaffUserSchema>;
export type UpdateStaffUserInput = z.input<typeof updateStaffUserSchema>;
