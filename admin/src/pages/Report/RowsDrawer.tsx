import { Button, Drawer, List, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { REPORT_FIGURE_LABELS, type ReportFigureKey, type ReportGroupView, type ReportRowView } from '@wc/shared';
import { usePhone } from '../../hooks/usePhone';
import { useMessage } from '../../feedback';
import { useErrorHandler } from '../../requestErrorConfig';
import { exportRows, fetchRows, type GroupSelection, type ReportFilters } from './service';

const money = (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

const FIGURE_VALUE: Record<ReportFigureKey, (r: ReportRowView) => string> = {
  steps: (r) => `${r.steps}`,
  workdays: (r) => `${r.workdays}`,
  utilityWorkdays: (r) => `${r.utilityWorkdays}`,
  cost: (r) => money(r.cost),
  documents: (r) => `${r.documents}`,
  visits: (r) => `${r.visits}`,
};

function Judged({ row, figure }: { row: ReportRowView; figure: ReportFigureKey }) {
  const within = row.within[figure];
  return (
    <span className={within === null ? undefined : within ? 'report-row-met' : 'report-row-unmet'}>
      {FIGURE_VALUE[figure](row)}
      {within === false && ' 超出目标'}
    </span>
  );
}

/** The applications behind one figure of one group, worst first; each opens its detail page. */
export function RowsDrawer({
  filters,
  group,
  figure,
  onClose,
}: {
  filters: ReportFilters;
  group: ReportGroupView | null;
  figure: ReportFigureKey | null;
  onClose: () => void;
}) {
  const [loaded, setLoaded] = useState<{ key: string; rows: ReportRowView[] } | null>(null);
  const [exporting, setExporting] = useState(false);
  const handleError = useErrorHandler();
  const message = useMessage();
  const phone = usePhone();
  const selection: GroupSelection | null = group
    ? {
        period: group.period,
        kind: group.kind,
        waterType: group.waterType,
        channel: group.channel,
        route: group.route,
        figure: figure ?? undefined,
      }
    : null;
  const selectionKey = selection ? JSON.stringify(selection) : null;

  useEffect(() => {
    if (!selectionKey) {
      return;
    }
    const controller = new AbortController();
    fetchRows(filters, JSON.parse(selectionKey) as GroupSelection, controller.signal)
      .then(({ data }) => setLoaded({ key: `${JSON.stringify(filters)}${selectionKey}`, rows: data }))
      .catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError') {
          handleError(error);
        }
      });
    return () => controller.abort();
  }, [filters, selectionKey, handleError]);

  // Rows of another group (or other filters) are not shown while this group's load.
  const rows = loaded && selectionKey && loaded.key === `${JSON.stringify(filters)}${selectionKey}` ? loaded.rows : null;
  const shown: ReportFigureKey = figure ?? 'workdays';
  const download = async () => {
    if (!selection) {
      return;
    }
    setExporting(true);
    try {
      void message.success(`已导出：${await exportRows(filters, selection)}`);
    } catch (error) {
      handleError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Drawer
      open={group !== null}
      onClose={onClose}
      size={phone ? '100%' : 880}
      title={group ? `${group.periodLabel} ${group.kindLabel} · ${group.waterTypeLabel} · ${group.channelLabel} · ${group.routeLabel}` : ''}
      extra={
        <Button onClick={() => void download()} loading={exporting} data-testid="report-rows-export">
          导出明细
        </Button>
      }
      data-testid="report-rows"
    >
      <Typography.Paragraph>
        {REPORT_FIGURE_LABELS[shown]}：共 {rows?.length ?? '…'} 件，超出目标的在前
      </Typography.Paragraph>
      {phone ? (
        <List
          loading={!rows}
          dataSource={rows ?? []}
          renderItem={(r) => (
            <List.Item key={r.id}>
              <List.Item.Meta
                title={<Link to={`/applications/${r.id}`}>{r.number}</Link>}
                description={
                  <>
                    <div>{r.name}</div>
                    <div>
                      {REPORT_FIGURE_LABELS[shown]}：<Judged row={r} figure={shown} />
                    </div>
                    <div>环节：{r.procedureLabels.join('、')}</div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={!rows}
          dataSource={rows ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 820 }}
          columns={[
            {
              title: '报装编号',
              dataIndex: 'number',
              render: (n: string, r: ReportRowView) => <Link to={`/applications/${r.id}`}>{n}</Link>,
            },
            { title: '名称', dataIndex: 'name', ellipsis: true },
            { title: '办结时间', dataIndex: 'completedAt', width: 140 },
            ...(['steps', 'workdays', 'utilityWorkdays', 'cost', 'documents', 'visits'] as const).map((f) => ({
              title: f === shown ? <Tag color="blue">{REPORT_FIGURE_LABELS[f]}</Tag> : REPORT_FIGURE_LABELS[f],
              key: f,
              render: (_: unknown, r: ReportRowView) => <Judged row={r} figure={f} />,
            })),
          ]}
        />
      )}
    </Drawer>
  );
}
