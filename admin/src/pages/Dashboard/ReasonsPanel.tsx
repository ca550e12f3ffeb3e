import { Card, Empty, Table, Typography } from 'antd';
import { useMemo } from 'react';
import type { ReasonCountView } from '@wc/shared';
import { fetchReasonStats } from './reasonsService';
import { useWindowed } from './useWindowed';

interface Props {
  from: string;
  to: string;
  kind?: string;
}

/** 退回/驳回原因: how often each 原因类别 was given in the window, in all and per action, most first. */
export function ReasonsPanel({ from, to, kind }: Props) {
  const data = useWindowed(fetchReasonStats, from, to, kind);
  const byCategory = useMemo(() => {
    const totals = new Map<string, { label: string; count: number }>();
    for (const row of data?.rows ?? []) {
      const key = String(row.categoryId);
      const entry = totals.get(key) ?? { label: row.label, count: 0 };
      entry.count += row.count;
      totals.set(key, entry);
    }
    return [...totals.entries()].map(([key, v]) => ({ key, ...v })).sort((a, b) => b.count - a.count);
  }, [data]);

  return (
    <Card size="small" title={`退回/驳回原因（${from} 至 ${to}）`} className="dashboard-card reasons-panel" loading={!data}>
      {data && data.total === 0 ? (
        <Empty description="期间内没有退回、驳回或不同意" />
      ) : (
        data && (
          <>
            <Typography.Paragraph type="secondary">共 {data.total} 次，按原因类别统计（办理时选择的类别）。</Typography.Paragraph>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={byCategory}
              className="reasons-by-category"
              scroll={{ x: 320 }}
              columns={[
                { title: '原因类别', dataIndex: 'label' },
                { title: '次数', dataIndex: 'count', align: 'right' },
              ]}
            />
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              按操作
            </Typography.Title>
            <Table<ReasonCountView>
              size="small"
              rowKey={(r) => `${r.action}-${r.categoryId}`}
              pagination={false}
              dataSource={data.rows}
              className="reasons-by-action"
              scroll={{ x: 420 }}
              columns={[
                { title: '操作', dataIndex: 'actionLabel' },
                { title: '原因类别', dataIndex: 'label' },
                { title: '次数', dataIndex: 'count', align: 'right' },
              ]}
            />
          </>
        )
      )}
    </Card>
  );
}
