import { CaretDownOutlined } from '@ant-design/icons';
import { Button, Empty, Pagination, Spin, Typography } from 'antd';
import { Suspense, lazy, memo, useEffect, useState } from 'react';
import { chinaDateTime, type AvailableAction } from '../labels';
import { preloadDetailPage, prefetchDetail } from '../boot/prefetch';
import type { Application } from '../types';
import { ActionButtons } from './ActionButtons';
import { AppLink } from './AppLink';
import { DossierButton } from './DossierButton';
import { ElapsedText } from './ElapsedText';
import { RouteTag } from './RouteTag';
import { StateTag } from './StateTag';
import './applicationTable.css';
import { usePhone } from '../hooks/usePhone';
import { useStableNavigate } from '../hooks/useStableNavigate';

const HistoryDrawer = lazy(() => import('./HistoryDrawer'));

export interface TablePaging {
  page: number;
  pageSize: number;
  total: number;
  /** There are more than `total` (the server stops counting at 10,000). */
  totalCapped?: boolean;
  onChange: (page: number, pageSize: number) => void;
}

interface Props {
  rows: readonly Application[];
  loading: boolean;
  paging?: TablePaging;
  /** The 历时 header sorts by overdue (server side). */
  sortedByOverdue?: boolean;
  onSortOverdue?: (on: boolean) => void;
  emptyText?: string;
}

const area = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));

/**
 * The manual's list: 报装编号 · 单位名称 · 申请时间 · 报装类型 · 建筑面积 · 状态 · 历时 · 信息 · 操作 —
 * a table on a PC, one card per application on a phone. A plain HTML table rather than antd's Table:
 * this is the first screen most staff open, and antd's Table with its filter tree would be a third of
 * the page's code for features this list does not use.
 */
export const ApplicationTable = memo(function ApplicationTable({
  rows,
  loading,
  paging,
  sortedByOverdue,
  onSortOverdue,
  emptyText = '没有符合条件的报装',
}: Props) {
  // Nothing here reads the address (the navigate and the links stay the same), and the table is
  // memoized: a list kept under a detail is not drawn again on every navigation in front of it.
  const navigate = useStableNavigate();
  const phone = usePhone();
  const [historyOf, setHistoryOf] = useState<Application | null>(null);
  const openAction = (app: Application, action: AvailableAction) =>
    void navigate(`/applications/${app.id}?action=${encodeURIComponent(action.key)}`);
  // Opening an application from the list is the next step of most visits: its page's code loads
  // once the rows have shown, and its data as the pointer (or focus, or a finger) reaches a link.
  const shown = rows.length > 0;
  useEffect(() => {
    if (shown) {
      preloadDetailPage();
    }
  }, [shown]);
  const ahead = (app: Application) => {
    const fetchAhead = () => prefetchDetail(app.id);
    return { onMouseEnter: fetchAhead, onFocus: fetchAhead, onTouchStart: fetchAhead };
  };

  // 信息: the manual's 查看资料 and 导出数据 — the detail, the history, and the case file as a zip.
  const info = (app: Application) => (
    <span className="app-info">
      <AppLink to={`/applications/${app.id}`} {...ahead(app)}>
        报装详情
      </AppLink>
      <Button type="link" size="small" onClick={() => setHistoryOf(app)}>
        报装记录
      </Button>
      {app.permissions.export && <DossierButton link app={app} />}
    </span>
  );

  // The manual's 操作 holds 打印施工图设计书 beside the step's actions, offered when the server lists
  // that print-out for this viewer (permissions.print), as the detail page's 打印 menu is.
  const printDesign = (app: Application) =>
    app.permissions.print.includes('design') ? (
      <a
        className="app-print"
        href={`${import.meta.env.BASE_URL}print/${app.id}/design`}
        target="_blank"
        rel="noopener noreferrer"
        data-print="design"
        style={{ paddingInline: 4 }}
      >
        打印施工图设计书
      </a>
    ) : null;

  const operations = (app: Application) => {
    const print = printDesign(app);
    return (
      <span className="app-info">
        {(app.availableActions.length > 0 || !print) && (
          <ActionButtons link actions={app.availableActions} onAction={(a) => openAction(app, a)} />
        )}
        {print}
      </span>
    );
  };

  const empty = !loading && rows.length === 0 ? <Empty description={emptyText} /> : null;

  const pager = paging ? (
    <Pagination
      className="app-pager"
      simple={phone}
      current={paging.page}
      pageSize={paging.pageSize}
      total={paging.total}
      showSizeChanger={!phone}
      pageSizeOptions={[20, 50, 100]}
      showTotal={phone ? undefined : (total) => `共 ${total}${paging.totalCapped ? '+' : ''} 条`}
      onChange={paging.onChange}
      hideOnSinglePage={phone}
    />
  ) : null;

  return (
    <>
      {phone ? (
        <Spin spinning={loading}>
          <div className="app-cards" aria-busy={loading}>
            {empty}
            {rows.map((app) => (
              <div key={app.id} className="app-card" data-testid="application-card">
                <div className="app-card-head">
                  <AppLink to={`/applications/${app.id}`} className="app-card-number" {...ahead(app)}>
                    {app.number}
                  </AppLink>
                  <StateTag app={app} />
                </div>
                <Typography.Text strong className="app-card-name">
                  {app.name}
                  <RouteTag app={app} />
                </Typography.Text>
                <div className="app-card-meta">
                  <span>{chinaDateTime(app.createdAt)}</span>
                  <span>{app.waterTypeLabel}</span>
                  <span>{area(app.buildingArea)} ㎡</span>
                </div>
                <div className="app-card-meta">
                  <span>
                    历时 <ElapsedText app={app} />
                  </span>
                  {info(app)}
                </div>
                {(app.availableActions.length > 0 || printDesign(app)) && (
                  <div className="app-card-actions">
                    {app.availableActions.length > 0 && (
                      <ActionButtons actions={app.availableActions} onAction={(a) => openAction(app, a)} />
                    )}
                    {printDesign(app)}
                  </div>
                )}
              </div>
            ))}
            {pager}
          </div>
        </Spin>
      ) : (
        <div className="app-table-wrap">
          <Spin spinning={loading}>
            <div className="app-table-scroll">
              <table className="app-table" aria-busy={loading}>
                <thead>
                  <tr>
                    <th style={{ width: 128 }}>报装编号</th>
                    <th>单位名称</th>
                    <th style={{ width: 136 }}>申请时间</th>
                    <th style={{ width: 116 }}>报装类型</th>
                    <th style={{ width: 80 }} className="num">
                      建筑面积
                    </th>
                    <th style={{ width: 124 }}>状态</th>
                    <th style={{ width: 96 }} aria-sort={sortedByOverdue ? 'descending' : 'none'}>
                      {onSortOverdue ? (
                        <button
                          type="button"
                          className={`app-sort${sortedByOverdue ? ' app-sort-on' : ''}`}
                          title="按超时排序（超时最久在前）"
                          onClick={() => onSortOverdue(!sortedByOverdue)}
                        >
                          历时 <CaretDownOutlined />
                        </button>
                      ) : (
                        '历时'
                      )}
                    </th>
                    <th style={{ width: 96 }}>信息</th>
                    <th style={{ width: 170 }}>操作</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((app) => (
                    <tr key={app.id} className={app.step.overdue ? 'row-overdue' : undefined} data-number={app.number}>
                      <td>
                        <AppLink to={`/applications/${app.id}`} {...ahead(app)}>
                          {app.number}
                        </AppLink>
                      </td>
                      <td className="app-name">
                        {app.name}
                        <RouteTag app={app} />
                      </td>
                      <td className="nowrap">{chinaDateTime(app.createdAt)}</td>
                      <td>{app.waterTypeLabel}</td>
                      <td className="num">{area(app.buildingArea)}</td>
                      <td>
                        <StateTag app={app} />
                      </td>
                      <td>
                        <ElapsedText app={app} />
                      </td>
                      <td>{info(app)}</td>
                      <td>{operations(app)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {empty}
            </div>
          </Spin>
          {pager}
        </div>
      )}
      {historyOf && (
        <Suspense fallback={null}>
          <HistoryDrawer app={historyOf} onClose={() => setHistoryOf(null)} />
        </Suspense>
      )}
    </>
  );
});
