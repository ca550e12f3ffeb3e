import { z } from 'zod';
import { NOTIFICATION_TEXTS } from './workflow/notifications';
import { mustReach } from './workflow/reach';
import type { NotificationEvent } from './workflow/types';

/**
 * 短信模板: one Aliyun template per notification (and per kind of code message), configured in the
 * admin as the template code (SMS_123456789) and, for each of the template's variables (`${number}`),
 * which of our values fills it.
 */

/** Aliyun's length limit for most template variable types (PLATFORMS.md §Aliyun SMS). */
export const SMS_PARAM_MAX_CHARS = 35;

/** Messages that are not progress notifications. */
export type SmsCodeTemplateKey = 'verification_code' | 'claim_link';
export type SmsTemplateKey = NotificationEvent | SmsCodeTemplateKey;

/** The values a template variable can be filled with. */
export type SmsValueKey = 'number' | 'title' | 'state' | 'text' | 'name' | 'time' | 'code';

export interface SmsValueDefinition {
  label: string;
  /**
   * `fit`: free text, shortened to the limit with「…」(the delivery record says so);
   * `exact`: an identifier that is useless cut short, so a value too long stops the send.
   */
  overflow: 'fit' | 'exact';
}

export const SMS_VALUES: Record<SmsValueKey, SmsValueDefinition> = {
  number: { label: '申请编号', overflow: 'exact' },
  title: { label: '通知标题', overflow: 'fit' },
  state: { label: '当前状态', overflow: 'fit' },
  // Cut short, an instruction loses its point or its amount (应缴金额12,3…): refused instead.
  text: { label: '通知内容', overflow: 'exact' },
  name: { label: '申请人', overflow: 'fit' },
  time: { label: '时间', overflow: 'exact' },
  code: { label: '验证码', overflow: 'exact' },
};

const NOTIFICATION_VALUES: SmsValueKey[] = ['number', 'title', 'state', 'text', 'name', 'time'];

export interface SmsTemplateSlot {
  key: SmsTemplateKey;
  label: string;
  /** Values this message has to offer its template's variables. */
  values: SmsValueKey[];
  /** Sent by SMS even when WeChat reaches the applicant, and even if they turned SMS off. */
  mustReach: boolean;
}

/** Every message that can go out by SMS, in the order the admin lists them. */
export const SMS_TEMPLATE_SLOTS: SmsTemplateSlot[] = [
  { key: 'verification_code', label: '短信验证码', values: ['code'], mustReach: true },
  { key: 'claim_link', label: '营业厅报装认领链接', values: ['number'], mustReach: true },
  ...(Object.keys(NOTIFICATION_TEXTS) as NotificationEvent[]).map((event) => ({
    key: event,
    label: NOTIFICATION_TEXTS[event].title,
    values: NOTIFICATION_VALUES,
    mustReach: mustReach(event),
  })),
];

export function smsTemplateSlot(key: string): SmsTemplateSlot | undefined {
  return SMS_TEMPLATE_SLOTS.find((s) => s.key === key);
}

/** One template variable: Aliyun's name for it (as in `${number}`) and what fills it. */
export interface SmsTemplateParam {
  name: string;
  value: SmsValueKey;
}

/** Aliyun template codes look like SMS_123456789. */
export const SMS_TEMPLATE_CODE = /^SMS_[0-9]{3,20}$/;
/** Template variable names: letters, digits and underscores, starting with a letter. */
export const SMS_PARAM_NAME = /^[A-Za-z][A-Za-z0-9_]{0,29}$/;

/** PUT /api/settings/sms-templates/:key — one message's template. */
export const smsTemplateInputSchema = z
  .object({
    templateCode: z
      .string({ error: '请填写模板代码' })
      .trim()
      .regex(SMS_TEMPLATE_CODE, { error: '模板代码应为阿里云短信控制台中的格式，如 SMS_123456789' }),
    params: z
      .array(
        z
          .object({
            name: z
              .string({ error: '请填写变量名' })
              .trim()
              .regex(SMS_PARAM_NAME, { error: '变量名只能包含字母、数字和下划线，并以字母开头（与模板中 ${变量名} 一致）' }),
            value: z.enum(Object.keys(SMS_VALUES) as [SmsValueKey, ...SmsValueKey[]], { error: '请选择填入的内容' }),
          })
          .strict(),
        { error: '变量列表格式不正确' },
      )
      .max(10, { error: '一个模板最多 10 个变量' })
      .superRefine((params, ctx) => {
        const seen = new Set<string>();
        params.forEach((p, i) => {
          if (seen.has(p.name)) {
            ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `变量名 ${p.name} 重复` });
          }
          seen.add(p.name);
        });
      }),
    enabled: z.boolean({ error: '请选择是否启用' }).default(true),
  })
  .strict();
export type SmsTemplateInput = z.output<typeof smsTemplateInputSchema>;

/** One message's row on the 短信模板 page. */
export interface SmsTemplateView {
  key: SmsTemplateKey;
  label: string;
  mustReach: boolean;
  /** The values its variables may be filled with. */
  values: { key: SmsValueKey; label: string; fits: boolean }[];
  template: { templateCode: string; params: SmsTemplateParam[]; enabled: boolean; updatedAt: string } | null;
}

/** GET /api/settings/sms-templates. */
export interface SmsSettingsView {
  /** SMS switched on (an access key in the environment); otherwise local mode, nothing is sent. */
  live: boolean;
  signName: string | null;
  limits: { perPhonePerMinute: number; perPhonePerHour: number; perPhonePerDay: number; totalPerDay: number };
  paramMaxChars: number;
  templates: SmsTemplateView[];
}

/** GET/PUT /api/notifications/sms-preference: the applicant's choice, and what is sent regardless. */
export interface SmsPreferenceView {
  smsEnabled: boolean;
  /** Whether the account has a mobile number SMS can go to. */
  hasMobile: boolean;
  /** Titles of the messages sent by SMS even when turned off. */
  mustReach: string[];
}

export const smsPreferenceSchema = z.object({ smsEnabled: z.boolean({ error: '请选择是否接收短信通知' }) }).strict();
