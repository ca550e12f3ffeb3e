import type { DeliveryOutcome, NotificationStatus } from '../api/views';
import { formatYuan } from './payment';
import type { NotificationEvent } from './types';

/**
 * What the applicant is told for each progress event (进度推送): `{number}` is the application
 * number, `{utility}` the utility's name (单位信息), `{contact}` its service phone as 「，咨询电话 …」
 * (nothing when none is set), `{amount}` the amount due as 「（应缴金额12,345.00元）」 (nothing when
 * unknown), `{step}` and `{waited}` what a reminder is about and how long it has waited.
 */
export const NOTIFICATION_TEXTS: Record<NotificationEvent, { title: string; text: string }> = {
  submitted: { title: '申请已提交', text: '您的报装申请{number}已提交，{utility}会尽快审核{contact}。' },
  accepted: { title: '申请已受理', text: '您的报装申请{number}已审核通过，进入派工环节。' },
  returned: { title: '申请被退回', text: '您的报装申请{number}被退回：{comment}。请修改后重新提交{contact}。' },
  dispatched: { title: '已派工', text: '报装{number}已派工，勘察人员将与您联系现场勘察。' },
  scheme_ready: { title: '接水方案已确定', text: '报装{number}的现场勘察已完成，接水方案已上传，可在小程序中查看。' },
  budget_to_confirm: { title: '请确认施工图和预算', text: '报装{number}的施工图和预算已完成，请查看并确认。' },
  design_confirmed: { title: '预算已确认', text: '您已确认报装{number}的施工图和预算，进入合同签订。' },
  contract_submitted: { title: '合同审批中', text: '报装{number}的合同已提交审批。' },
  contract_rejected: { title: '合同审批未通过', text: '报装{number}的合同审批未通过：{comment}。' },
  contract_signed: { title: '合同已签订', text: '报装{number}的合同已签订。' },
  payment_due: { title: '请缴费', text: '报装{number}的合同已签订，请按缴费通知向{utility}缴纳费用{amount}{contact}。' },
  payment_recorded: { title: '缴费已登记', text: '报装{number}的缴费已登记，即将安排施工。' },
  unpaid_approved: { title: '即将施工', text: '报装{number}已安排施工。' },
  construction_started: { title: '开始施工', text: '报装{number}已开始施工。' },
  change_to_confirm: { title: '请确认设计变更', text: '报装{number}施工中发生设计变更，请查看并确认。' },
  water_on: { title: '已通水', text: '报装{number}已通水，接下来进行验收。' },
  accepted_check: { title: '验收完成', text: '报装{number}已验收，接下来办理移交。' },
  handed_over: { title: '移交完成', text: '报装{number}已移交，正在整理竣工资料和决算。' },
  completed: { title: '报装完成', text: '报装{number}已全部完成，{utility}感谢您的支持。' },
  terminated: { title: '报装已终止', text: '报装{number}已终止：{comment}。' },
  withdrawn: { title: '申请已撤销', text: '报装申请{number}已撤销。' },
  reminder: { title: '办理提醒', text: '报装{number}：{step}，已等待超过{waited}{amount}{contact}。' },
};

/** Who the applicant deals with, as 单位信息 names it: the name, and the service phone if any. */
export interface NotificationSender {
  name: string;
  phone: string | null;
}

/** Fills `{number}`, `{comment}`, `{utility}`, `{contact}`, `{amount}`, `{step}` and `{waited}` into a notification text. */
export function renderNotification(
  event: NotificationEvent,
  values: {
    number: string;
    comment?: string | null;
    sender?: NotificationSender | null;
    amount?: number | null;
    step?: string;
    waited?: string;
  },
): {
  title: string;
  text: string;
} {
  const t = NOTIFICATION_TEXTS[event];
  const phone = values.sender?.phone?.trim();
  const text = t.text
    .replace('{number}', values.number)
    .replace('{comment}', values.comment?.trim() || '详情请查看小程序')
    .replace('{utility}', values.sender?.name.trim() || '我们')
    .replace('{step}', values.step ?? '')
    .replace('{waited}', values.waited ?? '')
    .replace('{amount}', values.amount !== null && values.amount !== undefined ? `（应缴金额${formatYuan(values.amount)}元）` : '')
    .replace('{contact}', phone ? `，咨询电话${phone}` : '');
  return { title: t.title, text };
}

/** How the administrators' page of sent notifications names each delivery status. */
export const NOTIFICATION_STATUS_LABELS: Record<NotificationStatus, string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已推送',
  recorded: '仅站内显示',
  failed: '推送失败',
};

/** What became of one delivery attempt, in words (the application's notification timeline). */
export const DELIVERY_OUTCOME_LABELS: Record<DeliveryOutcome, string> = {
  pending: '发送中',
  sent: '已送达',
  refused: '被拒收',
  error: '发送出错',
  uncertain: '结果不明',
  limited: '超出发送限额',
};

/** Why a notification reached nobody, when it did not: shown beside it in the timeline. */
export const UNDELIVERED_REASONS: Partial<Record<NotificationStatus, string>> = {
  recorded: '对方未开通推送渠道，仅在系统内显示',
  failed: '推送失败',
  pending: '等待发送',
  sending: '正在发送',
};
