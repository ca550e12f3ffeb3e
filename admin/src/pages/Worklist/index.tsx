import { ReloadOutlined } from '@ant-design/icons';
import { useCallback, useMemo } from 'react';
import { Button, Segmented, Typography } from 'antd';
import { ApplicationTable } from '../../components/ApplicationTable';
import { useErrorHandler } from '../../requestErrorConfig';
import { useReportError, useRequest } from '../../hooks/useRequest';
import { useListParams, useShownAgain } from '../../layouts/KeptList';
import type { Application, WorklistMeta } from '../../types';
import { worklistData, worklistQuery, type WorklistPage } from './service';

const NO_ROWS: readonly Application[] = [];

/**
 * 我的待办: what waits for me — assigned to me or free in a step of my roles — most overdue first.
 * The server filters and pages; the badges are its counts over everything waiting, not over the page.
 */
export default function WorklistPage() {
  const [params, setParams] = useListParams();
  const query = useMemo(() => worklistQuery(params), [params]);
  const handleError = useErrorHandler();
  const data = worklistData(params);
  const list = useRequest(data.key, data.load, { name: data.name, keep: true });
  useReportError(list.error, handleError);
  useShownAgain(list.refresh);
  const rows = list.data?.data ?? NO_ROWS;
  // Nothing is counted before the first reply.
  const meta: Pick<WorklistMeta, 'counts' | 'total'> = list.data?.meta ?? { total: 0, counts: { all: 0, overdue: 0, byState: [] } };
  const loading = list.loading;

  const show = useCallback(
    (next: Partial<WorklistPage>) => {
      const merged = { ...query, ...next };
      const search: Record<string, string> = {};
      if (merged.filter !== 'all') {
        search.state = merged.filter;
      }
      if (merged.page > 1) {
        search.page = String(merged.page);
      }
      if (merged.pageSize !== 20) {
        search.pageSize = String(merged.pageSize);
      }
      setParams(search, { replace: true });
    },
    [query, setParams],
  );
  // The same paging object until it changes: the memoized table is not drawn again for nothing.
  const paged = meta.total > query.pageSize || query.page > 1;
  const paging = useMemo(
    () =>
      paged
        ? {
            page: query.page,
            pageSize: query.pageSize,
            total: meta.total,
            onChange: (page: number, pageSize: number) => show({ page, pageSize }),
          }
        : undefined,
    [paged, query.page, query.pageSize, meta.total, show],
  );

  const count = (n: number, red = false) => <span className={`seg-count${red && n > 0 ? ' seg-count-red' : ''}`}>{n}</span>;
  const options = [
    { value: 'all', label: <span>全部 {count(meta.counts.all)}</span> },
    { value: 'overdue', label: <span>已超时 {count(meta.counts.overdue, true)}</span> },
    ...meta.counts.byState.map((s) => ({
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
        <Segmented options={options} value={query.filter} onChange={(v) => show({ filter: String(v), page: 1 })} />
      </div>
      {!loading && meta.counts.all === 0 && <Typography.Paragraph type="secondary">暂时没有等待您办理的报装。</Typography.Paragraph>}
      <ApplicationTable rows={rows} loading={loading} paging={paging} />
    </div>
  );
}
