import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Segmented, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import {
  APPLICANT_KINDS,
  APPLICANT_KIND_LABELS,
  CHANNELS,
  CHANNEL_LABELS,
  REPORT_FIGURE_LABELS,
  REPORT_FIGURE_MEASURE,
  ROUTES,
  ROUTE_LABELS,
  WATER_TYPES,
  WATER_TYPE_LABELS,
  type ReportFigureKey,
  type ReportGroupView,
  type ReportView,
} from '@wc/shared';
import { access } from '../../access';
import { useMessage } from '../../feedback';
import { usePhone } from '../../hooks/usePhone';
import { useErrorHandler } from '../../requestErrorConfig';
import { useSession } from '../../session';
import { FigureCell } from './FigureCell';
import { RowsDrawer } from './RowsDrawer';
import { TargetsCard } from './TargetsCard';
import { defaultFilters, exportReport, fetchReport, filtersToSearch, type ReportFilters } from './service';
import './report.css';

const all = (label: string) => ({ value: '', label });
const options = <K extends string>(keys: readonly K[], labels: Record<K, string>, allLabel: string) => [
  all(allLabel),
  ...keys.map((k) => ({ value: k, label: labels[k] })),
];

const FIGURES: readonly ReportFigureKey[] = ['steps', 'workdays', 'utilityWorkdays', 'cost', 'documents', 'visits'];

const figureTitle = (f: ReportFigureKey) =>
  `${REPORT_FIGURE_LABELS[f]}${REPORT_FIGURE_MEASURE[f] === 'p90' ? '（中位数/P90）' : '（平均）'}`;

/**
 * 获得用水: how completed applications went for the applicant — steps, working days, cost,
 * documents, counter visits — per month, kind, 报装类型, channel and route, each against the
 * utility's target; a figure opens the applications behind it.
 */
export default function ReportPage() {
  const { user } = useSession();
  const isAdmin = access(user).admin;
  const [filters, setFilters] = useState<ReportFilters>(() => defaultFilters());
  const [data, setData] = useState<ReportView | null>(null);
  const [reload, setReload] = useState(0);
  const [opened, setOpened] = useState<{ group: ReportGroupView; figure: ReportFigureKey } | null>(null);
  const [exporting, setExporting] = useState(false);
  const handleError = useErrorHandler();
  const message = useMessage();
  const phone = usePhone();

  useEffect(() => {
    document.title = '获得用水 - 用户报装管理系统';
    const controller = new AbortController();
    fetchReport(filters, controller.signal)
      .then(({ data: d }) => setData(d))
      .catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError') {
          handleError(error);
        }
      });
    return () => controller.abort();
  }, [filters, reload, handleError]);

  const edit = (patch: Partial<ReportFilters>) => setFilters((prev) => ({ ...prev, ...patch }));
  const pick = (key: keyof ReportFilters) => (value: string) => edit({ [key]: value || undefined });
  const onSaved = useCallback(() => setReload((n) => n + 1), []);

  const download = async () => {
    setExporting(true);
    try {
      void message.success(`已导出：${await exportReport(filters)}`);
    } catch (error) {
      handleError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="report-page">
      <div className="page-header">
        <Typography.Title level={2}>获得用水</Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={() => void download()} loading={exporting} data-testid="report-export">
            导出Excel
          </Button>
          <Button
            icon={<PrinterOutlined />}
            href={`${import.meta.env.BASE_URL}print-report?${filtersToSearch(filters)}`}
            target="_blank"
            data-testid="report-print"
          >
            打印
          </Button>
        </Space>
      </div>
      <Card size="small" className="report-card report-filters">
        <Space wrap>
          <Input
            type="date"
            aria-label="办结日期自"
            value={filters.from}
            onChange={(e) => e.target.value && edit({ from: e.target.value })}
          />
          <span>至</span>
          <Input type="date" aria-label="办结日期至" value={filters.to} onChange={(e) => e.target.value && edit({ to: e.target.value })} />
          <Segmented
            aria-label="分组"
            value={filters.groupBy}
            options={[
              { value: 'month', label: '按月' },
              { value: 'range', label: '整个期间' },
            ]}
            onChange={(v) => edit({ groupBy: v === 'range' ? 'range' : 'month' })}
          />
          <Select
            aria-label="用户类型"
            value={filters.kind ?? ''}
            onChange={pick('kind')}
            options={options(APPLICANT_KINDS, APPLICANT_KIND_LABELS, '全部用户')}
            style={{ width: 120 }}
          />
          <Select
            aria-label="报装类型"
            value={filters.waterType ?? ''}
            onChange={pick('waterType')}
            options={options(WATER_TYPES, WATER_TYPE_LABELS, '全部报装类型')}
            style={{ width: 150 }}
          />
          <Select
            aria-label="受理方式"
            value={filters.channel ?? ''}
            onChange={pick('channel')}
            options={options(CHANNELS, CHANNEL_LABELS, '全部受理方式')}
            style={{ width: 130 }}
          />
          <Select
            aria-label="办理路径"
            value={filters.route ?? ''}
            onChange={pick('route')}
            options={options(ROUTES, ROUTE_LABELS, '全部路径')}
            style={{ width: 120 }}
          />
        </Space>
      </Card>
      {data && (
        <Alert
          className="report-card"
          type="info"
          showIcon
          title={`${data.from} 至 ${data.to} 办结 ${data.total.count} 件；平均 ${data.total.steps ?? '—'} 个环节，总时间中位数 ${data.total.workdaysMedian ?? '—'} 个工作日、P90 ${data.total.workdaysP90 ?? '—'} 个工作日`}
        />
      )}
      <Card size="small" className="report-card">
        <Table
          size="small"
          rowKey="key"
          loading={!data}
          dataSource={data?.groups ?? []}
          pagination={false}
          scroll={{ x: phone ? 1100 : 1250 }}
          locale={{ emptyText: '所选期间没有办结的报装' }}
          columns={[
            { title: '期间', dataIndex: 'periodLabel', fixed: phone ? undefined : 'left', width: 96 },
            {
              title: '分组',
              key: 'group',
              width: 150,
              render: (_: unknown, g: ReportGroupView) => (
                <span>
                  {g.kindLabel} · {g.waterTypeLabel}
                  <br />
                  {g.channelLabel} · {g.routeLabel}
                </span>
              ),
            },
            { title: '办结件数', dataIndex: 'count', width: 70, align: 'right' },
            ...FIGURES.map((f) => ({
              title: figureTitle(f),
              key: f,
              render: (_: unknown, g: ReportGroupView) => (
                <FigureCell figure={g[f]} name={f} testId={`figure-${g.key}-${f}`} onOpen={(figure) => setOpened({ group: g, figure })} />
              ),
            })),
          ]}
        />
      </Card>
      <TargetsCard canEdit={isAdmin} onSaved={onSaved} />
      <RowsDrawer filters={filters} group={opened?.group ?? null} figure={opened?.figure ?? null} onClose={() => setOpened(null)} />
    </div>
  );
}
