import { PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Skeleton } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  APPLICANT_KIND_LABELS,
  CHANNEL_LABELS,
  REPORT_FIGURE_LABELS,
  REPORT_FIGURE_MEASURE,
  ROUTE_LABELS,
  WATER_TYPE_LABELS,
  type ApplicantKind,
  type Channel,
  type ReportFigure,
  type ReportFigureKey,
  type ReportView,
  type Route,
  type UtilityStaffView,
  type WaterType,
} from '@wc/shared';
import { useErrorHandler } from '../../requestErrorConfig';
import { Letterhead, printedAt } from '../Print/common';
import { loadUtility } from '../Print/service';
import { defaultFilters, fetchReport, filtersFromSearch } from './service';
import '../Print/print.css';
import './print-report.css';

const FIGURES: readonly ReportFigureKey[] = ['steps', 'workdays', 'utilityWorkdays', 'cost', 'documents', 'visits'];

const show = (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));

/** A figure on paper: value, target and 达标/未达标 in words (a printout may be black and white). */
function Cell({ figure }: { figure: ReportFigure & { median?: number | null } }) {
  const verdict = figure.met === null ? '' : figure.met ? '达标' : '未达标';
  return (
    <td className={figure.met === false ? 'print-report-unmet' : undefined}>
      {figure.median !== undefined && `${show(figure.median)} / `}
      {show(figure.value)}
      <div className="print-report-target">
        {figure.target === null ? '无目标' : `≤${show(figure.target)}`} {verdict}
      </div>
    </td>
  );
}

/** 获得用水 as a printable landscape page, with the filters it was opened with. */
export default function PrintReportPage() {
  const [search] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search, defaultFilters()), [search]);
  const [data, setData] = useState<ReportView | null>(null);
  const [utility, setUtility] = useState<UtilityStaffView | null>(null);
  const [failed, setFailed] = useState(false);
  const handleError = useErrorHandler();

  useEffect(() => {
    document.title = '获得用水报表 - 用户报装管理系统';
    Promise.all([fetchReport(filters), loadUtility().catch(() => null)])
      .then(([report, u]) => {
        setData(report.data);
        setUtility(u);
      })
      .catch((error: unknown) => {
        setFailed(true);
        handleError(error);
      });
  }, [filters, handleError]);

  if (failed) {
    return <Result status="error" title="无法加载获得用水报表" />;
  }
  if (!data) {
    return <Skeleton active paragraph={{ rows: 12 }} style={{ padding: 24 }} />;
  }
  const narrowed = [
    filters.kind && APPLICANT_KIND_LABELS[filters.kind as ApplicantKind],
    filters.waterType && WATER_TYPE_LABELS[filters.waterType as WaterType],
    filters.channel && CHANNEL_LABELS[filters.channel as Channel],
    filters.route && ROUTE_LABELS[filters.route as Route],
  ].filter(Boolean);
  return (
    <div className="print-root">
      <div className="print-toolbar">
        <span>获得用水报表</span>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
      </div>
      <div className="print-page print-report-page" data-testid="print-report">
        {utility && <Letterhead utility={utility} />}
        <h1 className="print-title">获得用水报表</h1>
        <p>
          办结日期 {data.from} 至 {data.to}
          {data.groupBy === 'month' ? '，按月' : '，整个期间'}
          {narrowed.length > 0 && `；${narrowed.join('、')}`}；共办结 {data.total.count} 件
        </p>
        <table className="print-table print-report-table">
          <thead>
            <tr>
              <th>期间</th>
              <th>分组</th>
              <th>件数</th>
              {FIGURES.map((f) => (
                <th key={f}>
                  {REPORT_FIGURE_LABELS[f]}
                  {REPORT_FIGURE_MEASURE[f] === 'p90' ? '（中位数/P90）' : '（平均）'}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.groups.map((g) => (
              <tr key={g.key}>
                <td>{g.periodLabel}</td>
                <td>
                  {g.kindLabel} · {g.waterTypeLabel} · {g.channelLabel} · {g.routeLabel}
                </td>
                <td>{g.count}</td>
                {FIGURES.map((f) => (
                  <Cell key={f} figure={g[f]} />
                ))}
              </tr>
            ))}
            {data.groups.length === 0 && (
              <tr>
                <td colSpan={3 + FIGURES.length}>所选期间没有办结的报装</td>
              </tr>
            )}
          </tbody>
        </table>
        <p className="print-report-note">
          时间为提交申请至办结的工作日（不含周末和法定节假日）；时间按九成申请（P90）对比目标，其余按平均值对比。打印时间：{printedAt()}
        </p>
      </div>
    </div>
  );
}
