import { ReloadOutlined } from '@ant-design/icons';
import { Button, Segmented, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ApplicationTable } from '../../components/ApplicationTable';
import { useErrorHandler } from '../../requestErrorConfig';
import { useReportError, useRequest } from '../../hooks/useRequest';
import type { WorklistMeta } from '../../types';
import { fetchWorklist } from './service';

/** 我的待办: what waits for me — assigned to me or free in a step of my roles — most overdue first. */
export default function WorklistPage() {
  const [params, setParams] = useSearchParams();
  const filter = params.get('state') ?? 'all';
  const handleError = useErrorHandler();
  const list = useRequest('worklist', (signal) => fetchWorklist(signal));
  useReportError(list.error, handleError);
  const rows = useMemo(() => list.data?.data ?? [], [list.data]);
  // Nothing is counted before the first reply (the page never reads `at`).
  const meta: Omit<WorklistMeta, 'at'> = list.data?.meta ?? { total: 0, overdue: 0, byState: [] };
  const loading = list.loading;

  const shown = useMemo(() => {
    if (filter === 'overdue') {
      return rows.filter((r) => r.step.overdue);
    }
    return filter === 'all' ? rows : rows.filter((r) => r.state === filter);
  }, [rows, filter]);

  const count = (n: number, red = false) => <span className={`seg-count${red && n > 0 ? ' seg-count-red' : ''}`}>{n}</span>;
  const options = [
    { value: 'all', label: <span>全部 {count(meta.total)}</span> },
    { value: 'overdue', label: <span>已超时 {count(meta.overdue, true)}</span> },
    ...meta.byState.map((s) => ({
      value: s.state,
      label: (
        <span>
          {s.label} {count(s.count)}
        </span>
      ),
    })),
  ];

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>我的待办</Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={list.reload} loading={loading}>
          刷新
        </Button>
      </div>
      <div className="worklist-filter">
        <Segmented
          options={options}
          value={filter}
          onChange={(v) => setParams(v === 'all' ? {} : { state: String(v) }, { replace: true })}
        />
      </div>
      {!loading && meta.total === 0 && <Typography.Paragraph type="secondary">暂时没有等待您办理的报装。</Typography.Paragraph>}
      <ApplicationTable rows={shown} loading={loading} />
    </div>
  );
}
