import { z } from 'zod';
import { APPLICANT_KINDS } from '../domain';
import { isMobilePhone, normalizePhone } from '../validation/phone';

export const loginSchema = z
  .object({
    username: z.string({ error: '请填写用户名' }).trim().min(1, { error: '请填写用户名' }).max(64, { error: '用户名过长' }),
    password: z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(128, { error: '密码过长' }),
  })
  .strict();

export type LoginInput = z.input<typeof loginSchema>;

export const usernameSchema = z
  .string({ error: '请填写用户名' })
  .trim()
  .min(4, { error: '用户名至少4个字符' })
  .max(32, { error: '用户名最多32个字符' })
  .regex(/^[A-Za-z0-9_.@-]+$/, { error: '用户名只能包含字母、数字和 _ . @ -' });

/** At least 8 characters with letters and digits: a portal holding IDs and contracts needs more than digits. */
export const passwordSchema = z
  .string({ error: '请填写密码' })
  .min(8, { error: '密码至少8位' })
  .max(64, { error: '密码最多64位' })
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { error: '密码需同时包含字母和数字' });

export const registerSchema = z
  .object({
    username: usernameSchema,
    password: passwordSchema,
    kind: z.enum(APPLICANT_KINDS, { error: '请选择用户类型（企业单位或居民）' }),
    displayName: z
      .string({ error: '请填写名称' })
      .trim()
      .min(1, { error: '请填写单位名称或姓名' })
      .max(100, { error: '名称不能超过100个字' }),
    phone: z.string({ error: '请填写手机号' }).transform(normalizePhone).refine(isMobilePhone, { error: '手机号格式不正确' }),
    agreedPrivacy: z.literal(true, { error: '请阅读并同意隐私政策' }),
  })
  .strict();

export type RegisterInput = z.input<typeof registerSchema>;

export const changePasswordSchema = z
  .object({
    oldPassword: z.string({ error: '请填写原密码' }).min(1, { error: '请填写原密码' }),
    newPassword: passwordSchema,
  })
  .strict();

/**
 * An account made by a WeChat login has a generated user name and no password: its owner chooses a
 * user name (the registration's rules) and a password, once, to use the password login as well.
 */
export const setCredentialsSchema = z
  .object({
    username: usernameSchema,
    password: passwordSchema,
  })
  .strict();

export type SetCredentialsInput = z.input<typeof setCredentialsSchema>;
