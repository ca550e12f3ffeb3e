import { z } from 'zod';

/** A code from wx.login / getPhoneNumber / OAuth: opaque, short, printable. */
const wechatCode = z
  .string({ error: '缺少微信凭证' })
  .trim()
  .min(1, { error: '缺少微信凭证' })
  .max(256, { error: '微信凭证格式不正确' })
  .regex(/^[\x21-\x7e]+$/, { error: '微信凭证格式不正确' });

const templateId = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, { error: '模板ID格式不正确' });

/**
 * Unknown keys are dropped, not refused: an old client may send an `openid`, which is ignored —
 * the openid comes only from WeChat's answer to the code.
 */
export const mpLoginSchema = z.object({ code: wechatCode, agreedPrivacy: z.boolean().optional() });
export type MpLoginInput = z.output<typeof mpLoginSchema>;

export const codeSchema = z.object({ code: wechatCode });
export type CodeInput = z.output<typeof codeSchema>;

export const consentSchema = z.object({ agreedPrivacy: z.literal(true, { error: '请阅读并同意隐私政策' }) });

export const subscriptionsSchema = z
  .object({
    templateIds: z.array(templateId, { error: '缺少模板ID' }).min(1, { error: '缺少模板ID' }).max(10),
    accepted: z.array(templateId).max(10),
  })
  .refine((v) => v.accepted.every((id) => v.templateIds.includes(id)), { error: '同意的模板必须在请求的模板之中', path: ['accepted'] });
export type SubscriptionsInput = z.output<typeof subscriptionsSchema>;

/** Pages of the H5 app under /h5, optionally with a simple query (`?id=12`). */
export const h5Path = z
  .string({ error: '缺少跳转页面' })
  .max(64, { error: '跳转页面过长' })
  .regex(/^\/h5\/[A-Za-z0-9_/-]*(\?[A-Za-z0-9_=&-]*)?$/, { error: '跳转页面不正确' })
  .refine((p) => !p.includes('//'), { error: '跳转页面不正确' });

export const oauthUrlSchema = z.object({ redirect: h5Path });
export type OauthUrlInput = z.output<typeof oauthUrlSchema>;

export const oauthCallbackSchema = z.object({
  code: z.string().max(256).optional(),
  state: z.string().max(128).optional(),
});
export type OauthCallbackInput = z.output<typeof oauthCallbackSchema>;

export const ticketSchema = z.object({
  ticket: z.string({ error: '缺少登录票据' }).regex(/^[A-Za-z0-9_-]{20,100}$/, { error: '登录票据格式不正确' }),
});
export type TicketInput = z.output<typeof ticketSchema>;
