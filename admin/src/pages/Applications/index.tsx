import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useMessage } from '../../feedback';
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { access } from '../../access';
import { ApplicationTable } from '../../components/ApplicationTable';
import { useErrorHandler } from '../../requestErrorConfig';
import { useSession } from '../../session';
import { useReportError, useRequest } from '../../hooks/useRequest';
import { useListParams, useShownAgain } from '../../layouts/KeptList';
import { FilterBar } from './FilterBar';
import { filtersFromParams, paramsFromFilters } from './filters';
import { exportApplications, listData, type ListFilters } from './service';
import type { Application } from '../../types';

const NO_ROWS: readonly Application[] = [];

/** 报装列表: every application, searchable and filterable, with 导出数据 of the filtered list. */
export default function ApplicationsPage() {
  const [params, setParams] = useListParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const [exporting, setExporting] = useState(false);
  const handleError = useErrorHandler();
  const message = useMessage();
  const { user } = useSession();
  const can = access(user);

  const data = listData(params);
  const list = useRequest(data.key, data.load, { name: data.name, keep: true });
  useReportError(list.error, handleError);
  useShownAgain(list.refresh);
  const rows = list.data?.data ?? NO_ROWS;
  const total = list.data?.meta.total ?? 0;
  const totalCapped = list.data?.meta.totalCapped === true;

  const update = useCallback(
    (next: Partial<ListFilters>) => setParams(paramsFromFilters({ ...filters, ...next }), { replace: false }),
    [filters, setParams],
  );

  const doExport = async () => {
    setExporting(true);
    try {
      const name = await exportApplications(filters);
      void message.success(totalCapped ? `已导出：${name}` : `已导出 ${total} 条：${name}`);
    } catch (error) {
      handleError(error);
    } finally {
      setExporting(false);
    }
  };

  // Whether the list may be exported comes with the list: the server's rule, not a guess here.
  const exportButton = list.data?.meta.permissions.export ? (
    <Button icon={<DownloadOutlined />} onClick={doExport} loading={exporting} disabled={total === 0}>
      导出数据
    </Button>
  ) : null;

  // The table's props stay the same objects until they change, so that it is not drawn again when
  // only the page around it is (a list shown again, its answer refreshed with the same rows).
  const page = filters.page ?? 1;
  const pageSize = filters.pageSize ?? 20;
  const paging = useMemo(
    () => ({ page, pageSize, total, totalCapped, onChange: (p: number, size: number) => update({ page: p, pageSize: size }) }),
    [page, pageSize, total, totalCapped, update],
  );
  const sortOverdue = useCallback((on: boolean) => update({ sort: on ? 'overdue' : 'newest', page: 1 }), [update]);

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>报装列表</Typography.Title>
        <Space>
          {can.windowEntry && (
            <Link to="/applications/new">
              <Button type="primary" icon={<PlusOutlined />}>
                窗口受理
              </Button>
            </Link>
          )}
        </Space>
      </div>
      <FilterBar key={filters.q ?? ''} filters={filters} onChange={update} extra={exportButton} />
      <ApplicationTable
        rows={rows}
        loading={list.loading}
        paging={paging}
        sortedByOverdue={filters.sort === 'overdue'}
        onSortOverdue={sortOverdue}
      />
    </div>
  );
}
