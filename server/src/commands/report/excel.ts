import ExcelJS from 'exceljs';
import {
  APPLICANT_KIND_LABELS,
  CHANNEL_LABELS,
  REPORT_FIGURE_LABELS,
  ROUTE_LABELS,
  WATER_TYPE_LABELS,
  chinaDateTime,
  type ReportFigure,
  type ReportQuery,
  type ReportRowView,
  type ReportRowsQueryInput,
  type ReportView,
} from '@wc/shared';
import type { AuthUser } from '../../context';
import { withTransaction } from '../../db/transaction';
import { services } from '../../services';
import { recordAudit } from '../audit';
import { loadReport, loadReportRows } from './report';

/** The same library and look as 导出数据 (exports.ts): bold frozen header, one sheet of data, one of 说明. */
const GREEN = 'FFC6EFCE';
const RED = 'FFFFC7CE';

function newWorkbook(user: AuthUser, now: Date): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = user.displayName;
  workbook.created = now;
  return workbook;
}

function header(sheet: ExcelJS.Worksheet): void {
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

function paint(cell: ExcelJS.Cell, met: boolean | null): void {
  if (met !== null) {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: met ? GREEN : RED } };
  }
}

function filterLines(query: Partial<ReportRowsQueryInput>): [string, string][] {
  return [
    ['完成日期', `${query.from} 至 ${query.to}`],
    ['用户类型', query.kind ? APPLICANT_KIND_LABELS[query.kind] : '全部'],
    ['报装类型', query.waterType ? WATER_TYPE_LABELS[query.waterType] : '全部'],
    ['受理方式', query.channel ? CHANNEL_LABELS[query.channel] : '全部'],
    ['办理路径', query.route ? ROUTE_LABELS[query.route] : '全部'],
  ];
}

function about(workbook: ExcelJS.Workbook, now: Date, lines: [string, string][]): void {
  const sheet = workbook.addWorksheet('导出说明');
  sheet.columns = [
    { key: 'k', width: 14 },
    { key: 'v', width: 70 },
  ];
  sheet.addRow(['导出时间', chinaDateTime(now)]);
  for (const line of lines) {
    sheet.addRow(line);
  }
  sheet.addRow(['环节', '申请人经历的办理环节（申请受理、现场勘察、确认方案及预算、签订合同、缴费、验收通水），同一环节只计一次']);
  sheet.addRow(['时间', '提交申请至办结的工作日（不含周末和法定节假日，含调休上班日）；供水单位用时只计供水单位自己的办理时间']);
  sheet.addRow(['达标', '时间按P90（九成申请）对比目标；环节、材料、到柜台次数和费用按平均值对比目标']);
}

const groupColumns: Partial<ExcelJS.Column>[] = [
  { header: '期间', key: 'period', width: 14 },
  { header: '用户类型', key: 'kind', width: 10 },
  { header: '报装类型', key: 'waterType', width: 15 },
  { header: '受理方式', key: 'channel', width: 10 },
  { header: '办理路径', key: 'route', width: 10 },
  { header: '办结件数', key: 'count', width: 9 },
  { header: '环节数(平均)', key: 'steps', width: 12 },
  { header: '环节目标', key: 'stepsTarget', width: 9 },
  { header: '总时间中位数', key: 'workdaysMedian', width: 12 },
  { header: '总时间P90', key: 'workdays', width: 10 },
  { header: '总时间目标', key: 'workdaysTarget', width: 10 },
  { header: '供水单位用时中位数', key: 'utilityMedian', width: 16 },
  { header: '供水单位用时P90', key: 'utility', width: 14 },
  { header: '供水单位用时目标', key: 'utilityTarget', width: 14 },
  { header: '确认预算(平均)', key: 'budget', width: 14, style: { numFmt: '#,##0.00' } },
  { header: '结算费用(平均)', key: 'cost', width: 14, style: { numFmt: '#,##0.00' } },
  { header: '费用目标', key: 'costTarget', width: 12, style: { numFmt: '#,##0.00' } },
  { header: '申请材料(平均)', key: 'documents', width: 13 },
  { header: '材料目标', key: 'documentsTarget', width: 9 },
  { header: '到柜台次数(平均)', key: 'visits', width: 15 },
  { header: '到柜台目标', key: 'visitsTarget', width: 10 },
  { header: '未达标指标', key: 'unmet', width: 30 },
];

/** Which cell of a group row holds each judged figure. */
const JUDGED: [keyof ReportView['groups'][number], string][] = [
  ['steps', 'steps'],
  ['workdays', 'workdays'],
  ['utilityWorkdays', 'utility'],
  ['cost', 'cost'],
  ['documents', 'documents'],
  ['visits', 'visits'],
];

/** 获得用水 as an .xlsx: one row per group, each judged figure green or red; the export is audited. */
export async function reportWorkbook(user: AuthUser, query: ReportQuery, ip: string): Promise<{ buffer: Buffer; filename: string }> {
  const now = new Date();
  const { view } = await loadReport(query);
  await audit(user, ip, now, { kind: 'report', ...query, rows: view.groups.length });
  const workbook = newWorkbook(user, now);
  const sheet = workbook.addWorksheet('获得用水');
  sheet.columns = groupColumns;
  header(sheet);
  for (const g of view.groups) {
    const unmet = JUDGED.filter(([k]) => (g[k] as ReportFigure).met === false).map(
      ([k]) => REPORT_FIGURE_LABELS[k as keyof typeof REPORT_FIGURE_LABELS],
    );
    const row = sheet.addRow({
      period: g.periodLabel,
      kind: g.kindLabel,
      waterType: g.waterTypeLabel,
      channel: g.channelLabel,
      route: g.routeLabel,
      count: g.count,
      steps: g.steps.value,
      stepsTarget: g.steps.target,
      workdaysMedian: g.workdays.median,
      workdays: g.workdays.value,
      workdaysTarget: g.workdays.target,
      utilityMedian: g.utilityWorkdays.median,
      utility: g.utilityWorkdays.value,
      utilityTarget: g.utilityWorkdays.target,
      budget: g.budget,
      cost: g.cost.value,
      costTarget: g.cost.target,
      documents: g.documents.value,
      documentsTarget: g.documents.target,
      visits: g.visits.value,
      visitsTarget: g.visits.target,
      unmet: unmet.join('、') || '无',
    });
    for (const [k, column] of JUDGED) {
      paint(row.getCell(column), (g[k] as ReportFigure).met);
    }
  }
  about(workbook, now, [...filterLines(query), ['分组', query.groupBy === 'month' ? '按月' : '整个期间']]);
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), filename: `获得用水_${query.from}_${query.to}.xlsx` };
}

const rowColumns: Partial<ExcelJS.Column>[] = [
  { header: '报装编号', key: 'number', width: 16 },
  { header: '名称', key: 'name', width: 28 },
  { header: '用户类型', key: 'kind', width: 10 },
  { header: '报装类型', key: 'waterType', width: 15 },
  { header: '受理方式', key: 'channel', width: 10 },
  { header: '办理路径', key: 'route', width: 10 },
  { header: '申请时间', key: 'createdAt', width: 17 },
  { header: '办结时间', key: 'completedAt', width: 17 },
  { header: '环节数', key: 'steps', width: 8 },
  { header: '经历环节', key: 'procedures', width: 40 },
  { header: '总时间(工作日)', key: 'workdays', width: 13 },
  { header: '供水单位用时(工作日)', key: 'utilityWorkdays', width: 18 },
  { header: '确认预算', key: 'budget', width: 12, style: { numFmt: '#,##0.00' } },
  { header: '结算费用', key: 'cost', width: 12, style: { numFmt: '#,##0.00' } },
  { header: '申请材料(份)', key: 'documents', width: 11 },
  { header: '申请材料', key: 'documentLabels', width: 30 },
  { header: '到柜台次数', key: 'visits', width: 10 },
];

const ROW_JUDGED: [keyof ReportRowView['within'], string][] = [
  ['steps', 'steps'],
  ['workdays', 'workdays'],
  ['utilityWorkdays', 'utilityWorkdays'],
  ['cost', 'cost'],
  ['documents', 'documents'],
  ['visits', 'visits'],
];

/** The applications behind the report (or one group of it) as an .xlsx; audited. */
export async function rowsWorkbook(user: AuthUser, query: ReportRowsQueryInput, ip: string): Promise<{ buffer: Buffer; filename: string }> {
  const now = new Date();
  const rows = await loadReportRows(query);
  await audit(user, ip, now, { kind: 'rows', ...query, rows: rows.length });
  const workbook = newWorkbook(user, now);
  const sheet = workbook.addWorksheet('办结申请');
  sheet.columns = rowColumns;
  header(sheet);
  for (const r of rows) {
    const row = sheet.addRow({
      number: r.number,
      name: r.name,
      kind: r.kindLabel,
      waterType: r.waterTypeLabel,
      channel: r.channelLabel,
      route: r.routeLabel,
      createdAt: r.createdAt,
      completedAt: r.completedAt,
      steps: r.steps,
      procedures: r.procedureLabels.join('、'),
      workdays: r.workdays,
      utilityWorkdays: r.utilityWorkdays,
      budget: r.budget,
      cost: r.cost,
      documents: r.documents,
      documentLabels: r.documentLabels.join('、'),
      visits: r.visits,
    });
    for (const [k, column] of ROW_JUDGED) {
      paint(row.getCell(column), r.within[k]);
    }
  }
  const period = query.period ? [['期间', query.period === 'range' ? '整个期间' : query.period] as [string, string]] : [];
  about(workbook, now, [...filterLines(query), ...period]);
  return {
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    filename: `获得用水明细_${query.period ?? `${query.from}_${query.to}`}.xlsx`,
  };
}

function audit(user: AuthUser, ip: string, now: Date, data: Record<string, unknown>): Promise<unknown> {
  return withTransaction(services().sequelize, (t) =>
    recordAudit({ actorUserId: user.id, action: 'report.export', targetType: 'report', data, ip }, t, now),
  );
}
