import { z } from 'zod';
import { optionalText, requiredText } from './schemas/common';
import { isValidPhone, normalizePhone } from './validation/phone';

/**
 * Service hotlines a utility prints besides ordinary numbers: 400/800 numbers and the five- or
 * six-digit 96xxx public-service numbers water companies use.
 */
const HOTLINE = /^(?:[48]00-?\d{3}-?\d{4}|96\d{3,4})$/;

/** A utility's 服务电话: a mobile, a landline with area code, or a 400/800/96xxx hotline. */
export function isServicePhone(phone: string): boolean {
  return isValidPhone(phone) || HOTLINE.test(phone);
}

/** The images of the profile: the seal printed in 盖章 areas, the logo in the H5 header. */
export const UTILITY_IMAGES = ['seal', 'logo'] as const;
export type UtilityImage = (typeof UTILITY_IMAGES)[number];
export const UTILITY_IMAGE_LABELS: Record<UtilityImage, string> = { seal: '印章图片', logo: 'Logo' };
/** Largest image accepted: a scanned seal or a logo is well under this. */
export const UTILITY_IMAGE_MAX_BYTES = 2 * 1024 * 1024;

const optionalDigits = z
  .string({ error: '银行账号格式不正确' })
  .transform((v) => v.replace(/[\s\u3000]/g, ''))
  .refine((v) => v === '' || /^\d{8,30}$/.test(v), { error: '银行账号只能是8至30位数字' })
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/**
 * PUT /api/settings/utility: the utility's own details as the administrator saves them (the whole
 * profile each time). Bank name, account and payee go together: a payment notice with only some of
 * them would send money nowhere.
 */
export const utilityProfileSchema = z
  .object({
    name: requiredText('单位名称', 60),
    shortName: optionalText('简称', 20),
    address: requiredText('地址', 120),
    phone: z
      .string({ error: '请填写服务电话' })
      .transform(normalizePhone)
      .refine((v) => v.length > 0, { error: '请填写服务电话' })
      .refine((v) => v.length === 0 || isServicePhone(v), {
        error: '服务电话格式不正确（手机号、带区号的固定电话或400/96开头的服务热线）',
      }),
    bankName: optionalText('开户银行', 60),
    bankAccount: optionalDigits,
    accountName: optionalText('户名', 60),
    contractPartyB: optionalText('合同乙方', 100),
    paymentCounters: optionalText('缴费网点', 300),
  })
  .strict()
  .superRefine((p, ctx) => {
    const bank = { bankName: '开户银行', bankAccount: '银行账号', accountName: '户名' } as const;
    const given = (Object.keys(bank) as (keyof typeof bank)[]).filter((k) => p[k] !== undefined);
    if (given.length > 0 && given.length < 3) {
      for (const key of Object.keys(bank) as (keyof typeof bank)[]) {
        if (p[key] === undefined) {
          ctx.addIssue({ code: 'custom', path: [key], message: `请填写${bank[key]}（开户银行、银行账号、户名需一并填写）` });
        }
      }
    }
  });

export type UtilityProfileInput = z.input<typeof utilityProfileSchema>;
export type UtilityProfileValues = z.output<typeof utilityProfileSchema>;

/** What anyone may read, also before login: the H5 header and the printed forms' letterhead. */
export interface UtilityPublicView {
  name: string;
  shortName: string | null;
  address: string | null;
  phone: string | null;
  /** Public URL of the logo (changes with the image), or null. */
  logoUrl: string | null;
  /** False until an administrator saved the profile: the values are the installation's defaults. */
  configured: boolean;
}

/** What staff read besides: where payments go, the contract's 乙方 default and the seal. */
export interface UtilityStaffView extends UtilityPublicView {
  bankName: string | null;
  bankAccount: string | null;
  accountName: string | null;
  /** The contract form's 乙方 default as stored; null means the 单位名称. */
  contractPartyB: string | null;
  /** 缴费网点: where and when customers pay at a counter, shown to them at 缴费. */
  paymentCounters: string | null;
  /** Staff-only URL of the seal image (fetched with the login token), or null. */
  sealUrl: string | null;
}
