import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Logger } from 'pino';
import { Op } from 'sequelize';
import {
  APPLICANT_KIND_LABELS,
  CHANNEL_LABELS,
  ROLE_LABELS,
  STATES,
  hasStaffDeadline,
  WATER_TYPE_LABELS,
  chinaDateTime,
  formatElapsed,
  maskPhone,
  type ActorRole,
  type ApplicationListQuery,
} from '@wc/shared';
import type { AuthUser } from '../context';
import { withTransaction } from '../db/transaction';
import { Application, Contract, User } from '../models';
import { applicationPolicy } from '../policies/application';
import { services } from '../services';
import { listOrder, listWhere } from './applicationViews';
import { recordAudit } from './audit';

/** More rows than anyone reads in Excel; beyond it the file says it was cut off. */
export const EXPORT_MAX_ROWS = 50_000;
const BATCH = 500;

/** The manual's list columns first (报装编号 … 历时), then what a clerk needs to follow up. */
const COLUMNS: Partial<ExcelJS.Column>[] = [
  { header: '报装编号', key: 'number', width: 16 },
  { header: '单位名称', key: 'name', width: 30 },
  { header: '申请时间', key: 'createdAt', width: 17 },
  { header: '报装类型', key: 'waterType', width: 15 },
  { header: '建筑面积(㎡)', key: 'buildingArea', width: 13, style: { numFmt: '#,##0.00' } },
  { header: '状态', key: 'state', width: 22 },
  { header: '历时', key: 'elapsed', width: 12 },
  { header: '是否超时', key: 'overdue', width: 9 },
  { header: '用户类型', key: 'kind', width: 9 },
  { header: '受理方式', key: 'channel', width: 9 },
  { header: '联系人', key: 'contactName', width: 10 },
  { header: '联系电话', key: 'contactPhone', width: 14 },
  { header: '申请用水地址', key: 'waterAddress', width: 36 },
  { header: '当前办理', key: 'handler', width: 16 },
];

export interface ApplicationExport {
  stream: Readable;
  filename: string;
  rows: number;
  total: number;
}

const FILTER_LABELS: Partial<Record<keyof ApplicationListQuery, string>> = {
  q: '关键字',
  number: '报装编号',
  name: '名称',
  phone: '联系电话',
  state: '状态',
  waterType: '报装类型',
  kind: '用户类型',
  from: '申请日期自',
  to: '申请日期至',
  overdue: '超时',
  active: '在办',
  sort: '排序',
};

const SORT_LABELS: Record<ApplicationListQuery['sort'], string> = {
  newest: '申请时间从新到旧',
  oldest: '申请时间从早到晚',
  overdue: '超时最久在前',
  number: '报装编号',
};

function filterText(key: keyof ApplicationListQuery, value: unknown): string {
  if (key === 'sort') {
    return SORT_LABELS[value as ApplicationListQuery['sort']] ?? String(value);
  }
  if (key === 'state' && typeof value === 'string') {
    return value
      .split(',')
      .map((s) => STATES[s as keyof typeof STATES]?.label ?? s)
      .join('、');
  }
  if (key === 'waterType') {
    return WATER_TYPE_LABELS[value as keyof typeof WATER_TYPE_LABELS] ?? String(value);
  }
  if (key === 'kind') {
    return APPLICANT_KIND_LABELS[value as keyof typeof APPLICANT_KIND_LABELS] ?? String(value);
  }
  if (typeof value === 'boolean') {
    return value ? '是' : '否';
  }
  return String(value);
}

/** The filters that narrowed the list, without paging (the export ignores the page). */
function appliedFilters(query: ApplicationListQuery): Partial<ApplicationListQuery> {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as Partial<ApplicationListQuery>;
}

/**
 * 导出数据: the filtered list as an .xlsx file, written row batch by row batch into a stream so that
 * memory stays flat however long the list is. The export is audited (who, which filters, how many
 * rows) in its own short transaction before the first byte is sent; no transaction stays open
 * while the file streams.
 */
export async function exportApplications(user: AuthUser, query: ApplicationListQuery, ip: string, log: Logger): Promise<ApplicationExport> {
  const now = new Date();
  const where = listWhere(user, query, now);
  const total = await Application.count({ where });
  const rows = Math.min(total, EXPORT_MAX_ROWS);
  const filters = appliedFilters(query);
  await withTransaction(services().sequelize, (t) =>
    recordAudit(
      { actorUserId: user.id, action: 'applications.export', targetType: 'applications', data: { filters, rows, total }, ip },
      t,
      now,
    ),
  );

  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = user.displayName;
  workbook.created = now;
  const sheet = workbook.addWorksheet('报装列表', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS;
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  const produce = async () => {
    for (let offset = 0; offset < rows; offset += BATCH) {
      const apps = await Application.findAll({
        where,
        order: listOrder(query.sort, query.overdue === true),
        limit: Math.min(BATCH, rows - offset),
        offset,
      });
      await writeBatch(sheet, apps, user, now);
    }
    sheet.commit();
    const about = workbook.addWorksheet('导出说明');
    about.columns = [
      { key: 'k', width: 14 },
      { key: 'v', width: 60 },
    ];
    about.addRow(['导出时间', chinaDateTime(now)]).commit();
    about.addRow(['导出人', user.displayName]).commit();
    about.addRow(['记录数', total > rows ? `${rows}（共${total}条，超出部分未导出，请缩小筛选范围）` : String(rows)]).commit();
    for (const [key, value] of Object.entries(filters)) {
      const label = FILTER_LABELS[key as keyof ApplicationListQuery];
      if (label) {
        about.addRow([label, filterText(key as keyof ApplicationListQuery, value)]).commit();
      }
    }
    about.addRow(['说明', '历时为当前步骤已用时间；超时按管理员设置的各步骤阈值判断。']).commit();
    about.commit();
    await workbook.commit();
  };
  produce().catch((error: unknown) => {
    log.error({ err: error }, 'export failed while streaming');
    stream.destroy(error instanceof Error ? error : new Error(String(error)));
  });

  const stamp = chinaDateTime(now).replace(/[-: ]/g, '').slice(0, 12);
  return { stream, filename: `报装列表-${stamp}.xlsx`, rows, total };
}

async function writeBatch(sheet: ExcelJS.Worksheet, apps: Application[], user: AuthUser, now: Date): Promise<void> {
  const assigneeIds = [...new Set(apps.map((a) => a.currentAssigneeId).filter((id): id is number => id !== null))];
  const reviewIds = apps.filter((a) => a.state === 'contract_review').map((a) => a.id);
  const [assignees, contracts] = await Promise.all([
    assigneeIds.length ? User.findAll({ attributes: ['id', 'displayName'], where: { id: { [Op.in]: assigneeIds } } }) : [],
    reviewIds.length ? Contract.findAll({ attributes: ['applicationId', 'stages'], where: { applicationId: { [Op.in]: reviewIds } } }) : [],
  ]);
  const nameById = new Map(assignees.map((u) => [u.id, u.displayName]));
  const stagesByApp = new Map(contracts.map((c) => [c.applicationId, c.stages]));
  for (const app of apps) {
    const def = STATES[app.state];
    const stage = app.contractStage ? stagesByApp.get(app.id)?.[app.contractStage - 1] : undefined;
    const overdue = hasStaffDeadline(app.state) && app.dueAt !== null && app.dueAt.getTime() < now.getTime();
    const role = app.currentRole ? (ROLE_LABELS[app.currentRole as ActorRole] ?? app.currentRole) : '';
    const assignee = app.currentAssigneeId ? nameById.get(app.currentAssigneeId) : undefined;
    const row = sheet.addRow({
      number: app.number,
      name: app.name,
      createdAt: chinaDateTime(app.createdAt),
      waterType: WATER_TYPE_LABELS[app.waterType],
      buildingArea: app.buildingArea,
      state: stage ? `${def.label}（${stage.name}）` : def.label,
      elapsed: def.terminal ? '' : formatElapsed(now.getTime() - app.stateEnteredAt.getTime()),
      overdue: overdue ? '超时' : '',
      kind: APPLICANT_KIND_LABELS[app.flow],
      channel: CHANNEL_LABELS[app.channel],
      contactName: app.contactName ?? '',
      contactPhone: applicationPolicy.seeContactDetails(user, app) ? app.contactPhone : maskPhone(app.contactPhone),
      waterAddress: app.waterAddress,
      handler: def.terminal ? '' : [role, assignee].filter(Boolean).join(' '),
    });
    if (overdue) {
      // Red, as on the screens (历时 over the threshold).
      row.getCell('elapsed').font = { color: { argb: 'FFCF1322' }, bold: true };
      row.getCell('overdue').font = { color: { argb: 'FFCF1322' } };
    }
    row.commit();
  }
}
