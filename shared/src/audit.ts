import { z } from 'zod';
import { isoDate } from './schemas/common';

/**
 * What the audit log records besides workflow steps (those are each application's 报装记录), with the
 * labels the 审计日志 screen shows. An action not listed here (from a newer server) is shown by key.
 */
export const AUDIT_ACTION_LABELS = {
  'application.edit': '修改申请',
  'applications.export': '导出数据',
  'application.dossier': '导出报装资料',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.unlock': '解锁用户',
  'applicant.enable': '启用报装用户',
  'applicant.disable': '停用报装用户',
  'applicant.reset_password': '重置报装用户密码',
  'user.merge_wechat': '合并微信重复账号',
  'settings.step': '修改流程步骤设置',
  'settings.contract_stages': '修改合同审批环节',
  'settings.calendar': '修改工作日历',
  'settings.materials': '修改申请材料设置',
  'settings.sms_templates': '修改短信模板',
  'settings.utility': '修改单位信息',
  'settings.reasons': '修改原因类别',
  'settings.fast_track': '修改快速通道规则',
  'notification.resend': '重发消息',
  'settings.billing_export': '修改立户导出设置',
  'billing.export': '立户导出',
  'settings.report_targets': '修改获得用水目标',
  'report.export': '导出获得用水报表',
} as const satisfies Record<string, string>;

export type AuditActionKey = keyof typeof AUDIT_ACTION_LABELS;

/** GET /api/audit's filters: by person, kind and date range (China dates), one page at a time. */
export const auditQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1, { error: '页码从1开始' }).default(1),
    pageSize: z.coerce.number().int().min(1).max(200, { error: '每页最多200条' }).default(50),
    actor: z.coerce.number({ error: '操作人不正确' }).int({ error: '操作人不正确' }).positive({ error: '操作人不正确' }).optional(),
    action: z.enum(Object.keys(AUDIT_ACTION_LABELS) as [AuditActionKey, ...AuditActionKey[]], { error: '操作类型不正确' }).optional(),
    from: isoDate('开始日期').optional(),
    to: isoDate('结束日期').optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: '开始日期不能晚于结束日期', path: ['to'] });

export type AuditQuery = z.output<typeof auditQuerySchema>;

/** One row of the 审计日志 screen. */
export interface AuditEventView {
  id: number;
  at: string;
  actor: { id: number; name: string; username: string } | null;
  action: string;
  actionLabel: string;
  /** What was acted on, in words: 报装编号, a user's name, a step, a year. */
  target: string | null;
  /** Where the target can be opened in the admin, when it can. */
  applicationId: number | null;
  /** The recorded details in words (never phone numbers or passwords: they are not recorded). */
  summary: string;
  ip: string | null;
}

/** GET /api/audit/verify: the hash chains of 报装记录 and the audit log checked end to end. */
export interface AuditVerifyView {
  checked: number;
  problems: { table: string; id: number; applicationId: number | null; problem: string }[];
  tookMs: number;
  at: string;
}
