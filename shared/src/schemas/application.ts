import { z } from 'zod';
import { APPLICANT_KINDS, NAME_LABELS, WATER_TYPES, WATER_TYPES_BY_KIND, WATER_TYPE_LABELS, ADDRESS_LABELS } from '../domain';
import { creditCodeProblem } from '../validation/creditCode';
import { isValidPhone, normalizePhone } from '../validation/phone';
import { optionalText } from './common';
import { STATES } from '../workflow/states';
import { ROUTES } from '../workflow/types';
import { CALIBERS, caliberLabel, isCaliber } from '../fastTrack';

const CREDIT_CODE_MESSAGES = {
  length: '社会信用代码应为18位',
  charset: '社会信用代码含有无效字符（不使用 I、O、Z、S、V）',
  checksum: '社会信用代码校验位不正确，请核对',
} as const;

const text = (max: number, label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` });

/**
 * The application form (新增报装) for both kinds. Kind-specific rules (credit code for enterprises,
 * permanent water only for residents) are checked together so that the form shows every problem at
 * once. Unknown fields are refused, so state, number or amounts cannot be smuggled in.
 */
export const applicationFormSchema = z
  .object({
    kind: z.enum(APPLICANT_KINDS, { error: '请选择报装用户类型（企业单位或居民）' }),
    name: text(100, '名称'),
    creditCode: z
      .string({ error: '社会信用代码格式不正确' })
      .trim()
      .toUpperCase()
      .optional()
      .transform((v) => (v === '' ? undefined : v)),
    contactName: optionalText('联系人', 50),
    contactPhone: z
      .string({ error: '请填写联系电话' })
      .transform(normalizePhone)
      .refine((v) => v.length > 0, { error: '请填写联系电话' })
      .refine((v) => v.length === 0 || isValidPhone(v), { error: '联系电话格式不正确（手机号或带区号的固定电话）' }),
    address: text(200, '地址'),
    waterAddress: text(200, '申请用水地址').min(1, { error: '请填写申请用水地址' }),
    waterType: z.enum(WATER_TYPES, { error: '请选择报装类型' }),
    buildingArea: z.coerce
      .number({ error: '请填写建筑面积（数字）' })
      .refine((n) => Number.isFinite(n), { error: '请填写建筑面积（数字）' })
      .refine((n) => n > 0, { error: '建筑面积必须大于0' })
      .refine((n) => n <= 10_000_000, { error: '建筑面积超出范围' }),
    // 用水口径 and 是否涉及外线工程 decide the fast-track rules (快速通道). Optional: applications made
    // before they were asked have neither, and an unanswered one simply never matches a rule on it.
    caliber: z.preprocess(
      (v) => (v === '' || v === null ? undefined : typeof v === 'string' ? Number(v.trim().replace(/^DN/i, '')) : v),
      z
        .number({ error: '用水口径不正确' })
        .refine(isCaliber, { error: `用水口径应为 ${caliberLabel(CALIBERS[0])}–${caliberLabel(CALIBERS[CALIBERS.length - 1]!)} 中的一种` })
        .optional(),
    ),
    externalWorks: z.preprocess(
      (v) => (v === '' || v === null ? undefined : v === 'true' ? true : v === 'false' ? false : v),
      z.boolean({ error: '请选择是否涉及外线工程' }).optional(),
    ),
  })
  .strict()
  // Runs even when other fields failed, so the form shows every problem at once; the value may
  // therefore be partly invalid and is read defensively.
  .superRefine(
    (form, ctx) => {
      const raw = form as Partial<Record<keyof typeof form, unknown>>;
      const kind = APPLICANT_KINDS.find((k) => k === raw.kind);
      const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
      if (kind && str(raw.name).length === 0) {
        ctx.addIssue({ code: 'custom', path: ['name'], message: `请填写${NAME_LABELS[kind]}` });
      }
      if (kind && str(raw.address).length === 0) {
        ctx.addIssue({ code: 'custom', path: ['address'], message: `请填写${ADDRESS_LABELS[kind]}` });
      }
      const creditCode = str(raw.creditCode).toUpperCase();
      if (kind === 'enterprise') {
        if (!creditCode) {
          ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '请填写社会信用代码' });
        } else {
          const problem = creditCodeProblem(creditCode);
          if (problem) {
            ctx.addIssue({ code: 'custom', path: ['creditCode'], message: CREDIT_CODE_MESSAGES[problem] });
          }
        }
        if (!str(raw.contactName)) {
          ctx.addIssue({ code: 'custom', path: ['contactName'], message: '请填写联系人' });
        }
      } else if (kind === 'resident' && creditCode) {
        ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '居民报装无需填写社会信用代码' });
      }
      const waterType = WATER_TYPES.find((t) => t === raw.waterType);
      if (kind && waterType && !WATER_TYPES_BY_KIND[kind].includes(waterType)) {
        const allowed = WATER_TYPES_BY_KIND[kind].map((t) => WATER_TYPE_LABELS[t]).join('、');
        ctx.addIssue({
          code: 'custom',
          path: ['waterType'],
          message: `${kind === 'resident' ? '居民' : '企业单位'}报装只能选择${allowed}`,
        });
      }
    },
    { when: () => true },
  );

export type ApplicationFormInput = z.input<typeof applicationFormSchema>;
export type ApplicationForm = z.output<typeof applicationFormSchema>;

/**
 * The list's filters: staff search by number, name, phone, either address, credit code, contact, state,
 * type, kind, date range, overdue; `q` looks in all the text fields at once.
 */
export const applicationListQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1, { error: '页码从1开始' }).default(1),
    pageSize: z.coerce.number().int().min(1).max(200, { error: '每页最多200条' }).default(20),
    q: z.string().trim().max(100).optional(),
    number: z.string().trim().max(40).optional(),
    name: z.string().trim().max(100).optional(),
    phone: z.string().trim().max(30).optional(),
    /** 申请用水地址 and 单位地址 / 地址, either one. */
    address: z.string().trim().max(200).optional(),
    creditCode: z.string().trim().max(18).optional(),
    contactName: z.string().trim().max(50).optional(),
    state: z.string().trim().max(40).optional(),
    waterType: z.enum(WATER_TYPES, { error: '报装类型不正确' }).optional(),
    kind: z.enum(APPLICANT_KINDS, { error: '报装用户类型不正确' }).optional(),
    /** 标准流程 or 快速通道 (the route of the application's flow version). */
    route: z.enum(ROUTES, { error: '流程不正确' }).optional(),
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '开始日期格式应为 年-月-日' })
      .optional(),
    to: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '结束日期格式应为 年-月-日' })
      .optional(),
    overdue: z
      .enum(['true', 'false', '1', '0'])
      .transform((v) => v === 'true' || v === '1')
      .optional(),
    active: z
      .enum(['true', 'false', '1', '0'])
      .transform((v) => v === 'true' || v === '1')
      .optional(),
    sort: z.enum(['newest', 'oldest', 'overdue', 'number'], { error: '排序方式不正确' }).default('newest'),
  })
  .strict();

export type ApplicationListQuery = z.output<typeof applicationListQuerySchema>;

/**
 * 我的待办's query: a page of one filter — everything, the overdue, or one state. The filter is
 * applied by the database, so a page is a page of what the badge counted.
 */
export const worklistQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1, { error: '页码从1开始' }).default(1),
    pageSize: z.coerce.number().int().min(1).max(200, { error: '每页最多200条' }).default(20),
    filter: z
      .string()
      .trim()
      .refine((v) => v === 'all' || v === 'overdue' || v in STATES, { error: '待办筛选条件不正确' })
      .default('all'),
  })
  .strict();

export type WorklistQuery = z.output<typeof worklistQuerySchema>;
