import {
  APPLICANT_KINDS,
  APPLICANT_KIND_LABELS,
  ATTACHMENT_CATEGORIES,
  AUDIT_ACTION_LABELS,
  MATERIAL_CATEGORIES,
  ROLE_LABELS,
  STATES,
  UTILITY_IMAGE_LABELS,
  WATER_TYPE_LABELS,
  type AuditEventView,
} from '@wc/shared';
import { fileSize } from '../commands/dossier/fileSize';
import type { AuditEvent } from '../models';

type Data = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const roles = (value: unknown) =>
  list(value)
    .map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? text(r))
    .join('、');

/** "居民 · 现场查勘" from the `resident.surveying` a step setting is recorded under. */
function stepName(key: string): string {
  const [flow, state] = key.split('.');
  const flowLabel = APPLICANT_KIND_LABELS[flow as keyof typeof APPLICANT_KIND_LABELS] ?? flow;
  const stateLabel = STATES[state as keyof typeof STATES]?.label ?? state;
  return `${flowLabel} · ${stateLabel}`;
}

const FIELD_LABELS: Record<string, string> = {
  displayName: '姓名',
  roles: '角色',
  disabled: '停用',
  password: '密码',
  phone: '手机号',
  thresholdValue: '时限',
  thresholdUnit: '时限单位',
  defaultAssigneeId: '默认办理人',
};

const UTILITY_FIELD_LABELS: Record<string, string> = {
  name: '单位名称',
  shortName: '简称',
  address: '地址',
  phone: '服务电话',
  bankName: '开户银行',
  bankAccount: '银行账号',
  accountName: '户名',
  contractPartyB: '合同乙方',
  paymentCounters: '缴费网点',
};

const FILTER_LABELS: Record<string, string> = {
  q: '关键字',
  number: '报装编号',
  name: '名称',
  phone: '电话',
  state: '状态',
  waterType: '报装类型',
  kind: '用户类型',
  from: '申请日期起',
  to: '申请日期止',
  overdue: '超时',
  active: '在办',
};

/** An export's filter as the list's filter bar names it. */
function filterText(key: string, value: unknown): string {
  let shown = text(value);
  if (key === 'state') {
    shown = shown
      .split(',')
      .map((s) => STATES[s as keyof typeof STATES]?.label ?? s)
      .join('、');
  } else if (key === 'waterType') {
    shown = WATER_TYPE_LABELS[shown as keyof typeof WATER_TYPE_LABELS] ?? shown;
  } else if (key === 'kind') {
    shown = APPLICANT_KIND_LABELS[shown as keyof typeof APPLICANT_KIND_LABELS] ?? shown;
  } else if (typeof value === 'boolean') {
    shown = value ? '是' : '否';
  }
  return `${FILTER_LABELS[key] ?? key} ${shown}`;
}

/** The recorded details in words, per kind; what a kind does not explain is listed by field name. */
/** 申请材料设置 in words: the required papers of each kind. */
function materialsSummary(data: Data): string {
  return APPLICANT_KINDS.map((kind) => {
    const modes = (data[kind] ?? {}) as Data;
    const required = MATERIAL_CATEGORIES.filter((c) => modes[c] === 'required').map((c) => ATTACHMENT_CATEGORIES[c].label);
    return `${APPLICANT_KIND_LABELS[kind]}必须：${required.join('、') || '无'}`;
  }).join('；');
}

function summarize(action: string, data: Data): string {
  switch (action) {
    case 'application.edit':
      return `修改字段：${list(data.fields).map(text).join('、') || '—'}`;
    case 'applications.export': {
      const filters = Object.entries((data.filters ?? {}) as Data).filter(([k, v]) => v !== undefined && v !== '' && k !== 'sort');
      const where = filters.length ? `，条件：${filters.map(([k, v]) => filterText(k, v)).join('；')}` : '';
      return `导出 ${text(data.rows)} 条${where}`;
    }
    case 'application.dossier':
      return `${text(data.files)} 个文件，共 ${fileSize(Number(data.bytes) || 0)}`;
    case 'report.export':
      return `${data.kind === 'rows' ? '明细' : '报表'} ${text(data.from)} 至 ${text(data.to)}，${text(data.rows)} 行`;
    case 'settings.report_targets':
      return `修改 ${list(data.targets).length} 行目标`;
    case 'user.create':
      return `用户名 ${text(data.username)}，角色 ${roles(data.roles) || '无'}`;
    case 'user.update': {
      const changed = Object.keys(data).filter((k) => data[k] !== undefined);
      const parts = changed.map((k) => (k === 'roles' ? `角色改为 ${roles(data.roles) || '无'}` : `${FIELD_LABELS[k] ?? k}`));
      return parts.length ? `修改 ${parts.join('、')}` : '—';
    }
    case 'settings.step': {
      const value =
        data.thresholdValue === null ? '不限时' : `${text(data.thresholdValue)}${data.thresholdUnit === 'hours' ? '小时' : '个工作日'}`;
      return `时限 ${value}`;
    }
    case 'settings.contract_stages':
      return `共 ${list(data.stages).length} 个环节`;
    case 'settings.calendar':
      return `${text(data.year)} 年，${list(data.entries).length} 个放假/调休日`;
    case 'settings.materials':
      return materialsSummary(data);
    case 'settings.utility':
      return typeof data.image === 'string'
        ? `更换${UTILITY_IMAGE_LABELS[data.image as keyof typeof UTILITY_IMAGE_LABELS] ?? data.image}`
        : `修改 ${
            list(data.fields)
              .map((f) => UTILITY_FIELD_LABELS[text(f)] ?? text(f))
              .join('、') || '（无变化）'
          }`;
    case 'settings.reasons':
    case 'settings.fast_track':
      return text(data.summary) || '—';
    case 'notification.resend':
      return `原状态 ${text(data.previous)}`;
    case 'billing.export':
      return `${text(data.format).toUpperCase()} 导出 ${text(data.rows)} 条，完成日期 ${text(data.from)} 至 ${text(data.to)}`;
    case 'settings.billing_export': {
      const included = list(data.columns).filter((c) => (c as Data).included === true);
      return `导出 ${included.length} 列：${included.map((c) => text((c as Data).header)).join('、')}`;
    }
    default:
      return Object.keys(data).join('、') || '—';
  }
}

function target(event: AuditEvent, number: string | null, userName: string | null): string | null {
  if (event.targetType === 'application') {
    return number ?? `#${event.targetId}`;
  }
  if (event.targetType === 'user') {
    return userName ?? `用户 #${event.targetId}`;
  }
  if (event.targetType === 'step' && event.targetId) {
    return stepName(event.targetId);
  }
  if (event.targetType === 'calendar') {
    return `${event.targetId} 年工作日历`;
  }
  if (event.targetType === 'utility_profile') {
    return '单位信息';
  }
  if (event.targetType === 'outbox') {
    return `消息 #${event.targetId}`;
  }
  if (event.targetType === 'report' || event.targetType === 'report_targets') {
    return event.targetType === 'report' ? '获得用水报表' : '获得用水目标';
  }
  if (event.targetType === 'fast_track_rule') {
    return '快速通道规则';
  }
  return event.targetType === 'applications' ? '报装列表' : event.targetType;
}

export interface AuditNames {
  users: Map<number, { name: string; username: string }>;
  applications: Map<number, string>;
}

export function presentAuditEvent(event: AuditEvent, names: AuditNames): AuditEventView {
  const actor = event.actorUserId === null ? null : names.users.get(event.actorUserId);
  const targetNumber = event.targetType === 'application' ? (names.applications.get(Number(event.targetId)) ?? null) : null;
  const targetUser = event.targetType === 'user' ? (names.users.get(Number(event.targetId))?.name ?? null) : null;
  return {
    id: event.id,
    at: event.at.toISOString(),
    actor:
      event.actorUserId === null
        ? null
        : { id: event.actorUserId, name: actor?.name ?? `#${event.actorUserId}`, username: actor?.username ?? '' },
    action: event.action,
    actionLabel: AUDIT_ACTION_LABELS[event.action as keyof typeof AUDIT_ACTION_LABELS] ?? event.action,
    target: target(event, targetNumber, targetUser),
    applicationId: event.targetType === 'application' ? Number(event.targetId) : null,
    summary: summarize(event.action, event.data),
    ip: event.ip,
  };
}
