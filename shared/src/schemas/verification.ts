import { z } from 'zod';
import { APPLICATION_NUMBER_PATTERN } from '../format/applicationNumber';
import { isMobilePhone, normalizePhone } from '../validation/phone';
import { passwordSchema, registerSchema, usernameSchema } from './auth';

/**
 * SMS verification codes (短信验证码): six digits, valid five minutes, five tries. Used to register
 * with a phone number, to reset a forgotten password (忘记密码) and to claim a counter application
 * (认领报装). The server keeps only a keyed hash of each code.
 */
export const VERIFICATION_PURPOSES = ['register', 'reset_password', 'claim'] as const;
export type VerificationPurpose = (typeof VERIFICATION_PURPOSES)[number];

/** A mainland mobile number that can receive an SMS (landlines cannot). */
export const mobilePhoneSchema = z
  .string({ error: '请填写手机号' })
  .transform(normalizePhone)
  .refine((p) => p !== '', { error: '请填写手机号' })
  .refine(isMobilePhone, { error: '手机号格式不正确' });

export const smsCodeSchema = z
  .string({ error: '请填写验证码' })
  .trim()
  .min(1, { error: '请填写验证码' })
  .regex(/^\d{6}$/, { error: '验证码为6位数字' });

/** 报装编号 as people type it: spaces dropped, letters upper-cased. */
export const applicationNumberSchema = z
  .string({ error: '请填写报装编号' })
  .transform((v) => v.replace(/[\s\u3000]/g, '').toUpperCase())
  .refine((v) => v !== '', { error: '请填写报装编号' })
  .refine((v) => APPLICATION_NUMBER_PATTERN.test(v), { error: '报装编号格式不正确，例如 BZ2026120701' });

/** POST /api/auth/register/code and /api/auth/password/forgot/code: where to send a code. */
export const phoneCodeRequestSchema = z.object({ phone: mobilePhoneSchema }).strict();
export type PhoneCodeRequest = z.input<typeof phoneCodeRequestSchema>;

/** POST /api/auth/register: the registration form with the code sent to its phone. */
export const registerWithCodeSchema = registerSchema.extend({ smsCode: smsCodeSchema }).strict();
export type RegisterWithCodeInput = z.input<typeof registerWithCodeSchema>;

/**
 * POST /api/auth/password/forgot: a new password for the applicant account of a phone. `username`
 * is needed only when several accounts share the phone.
 */
export const resetPasswordSchema = z
  .object({
    phone: mobilePhoneSchema,
    smsCode: smsCodeSchema,
    newPassword: passwordSchema,
    username: usernameSchema.optional(),
  })
  .strict();
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;

/** POST /api/claims/code: 报装编号 and the phone written on the application. */
export const claimCodeRequestSchema = z.object({ number: applicationNumberSchema, phone: mobilePhoneSchema }).strict();
export type ClaimCodeRequest = z.input<typeof claimCodeRequestSchema>;

/** POST /api/claims: the same with the code that phone received. */
export const claimSchema = claimCodeRequestSchema.extend({ smsCode: smsCodeSchema }).strict();
export type ClaimInput = z.input<typeof claimSchema>;

/** The reply to a code request. The same whether or not an account or application matched. */
export interface CodeSentView {
  /** The phone, masked (`139****5678`). */
  sentTo: string;
  expiresInSeconds: number;
  /** A new code can be asked for after this many seconds. */
  resendAfterSeconds: number;
  /**
   * Only in local mode (no SMS configured, `npm start` on a laptop): the code itself, so the pages
   * can be tried without a phone. Always null when SMS is live.
   */
  localCode: string | null;
}

/** The reply to a claim: the application now in 我的报装. */
export interface ClaimResultView {
  id: number;
  number: string;
}

/** The reply to 发送认领短信 (POST /api/applications/:id/claim-sms). */
export interface ClaimSmsView {
  sentTo: string;
  link: string;
}

/** 报装记录 entry written when an applicant claims a counter application (shown to them too). */
export const CLAIM_HISTORY_ACTION = 'claim';
export const CLAIM_HISTORY_LABEL = '认领报装';

/** The H5 page a claim link opens, with the number filled in. */
export const CLAIM_PAGE_PATH = '/pages/applications/claim/index';
