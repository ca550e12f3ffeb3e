/**
 * The stack's floor of the staff list (bench:admin): what React and antd alone take to put the same
 * rows on screen. antd runs as the staff page runs it — ConfigProvider with its locale and theme
 * (admin/src/theme.ts), styles generated in the browser — inside the frame's Layout and Menu, and
 * each row shows the antd parts a row of the list shows (a Tag, link Buttons); the request leaves
 * with the HTML. No application code: no router, session, request layer, lazy routes, offline
 * queue or badges. The distance between this page and the staff page is ours. The table keeps the
 * list's class only because the bench's watcher finds rows by it.
 *
 * A 报装编号 opens a stand-in for the detail (an address of its own, `#detail-…`), and the browser's
 * back button brings the same rows back from memory: the floor of the list's back navigation.
 */
import { Button, ConfigProvider, Layout, Menu, Pagination, Tag } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { THEME } from '../../admin/src/theme';

interface Row {
  id: number;
  number: string;
  name: string;
  createdAt: string;
  waterTypeLabel: string;
  buildingArea: number;
  stateLabel: string;
}

declare global {
  interface Window {
    __rows: Promise<{ data: Row[] }>;
  }
}

/** The staff menu's top level as the window clerk sees it. */
const MENU = ['我的待办', '报装列表', '档案查询', '统计看板', '获得用水', '系统管理'].map((label) => ({ key: label, label }));

/** The 报装编号 whose stand-in detail the address names, or null on the list. */
const openedNumber = () => (location.hash.startsWith('#detail-') ? decodeURIComponent(location.hash.slice('#detail-'.length)) : null);

function StackList() {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [opened, setOpened] = useState(openedNumber);
  useEffect(() => {
    void window.__rows.then((body) => setRows(body.data));
    const follow = () => setOpened(openedNumber());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208}>
        <Menu theme="dark" mode="inline" items={MENU} selectedKeys={['报装列表']} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff' }}>自来水公司 用户报装管理系统</Layout.Header>
        <Layout.Content style={{ padding: 16 }}>
          {opened !== null ? (
            <>
              <h2 className="detail-header">{opened}</h2>
              <div className="detail-history" />
            </>
          ) : (
            <StackRows rows={rows} />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function StackRows({ rows }: { rows: Row[] | null }) {
  return (
    <>
      <table className="app-table">
        <tbody>
          {rows?.map((a) => (
            <tr key={a.id} data-number={a.number}>
              <td>
                <a href={`#detail-${encodeURIComponent(a.number)}`}>{a.number}</a>
              </td>
              <td>{a.name}</td>
              <td>{a.createdAt}</td>
              <td>{a.waterTypeLabel}</td>
              <td>{a.buildingArea}</td>
              <td>
                <Tag color="processing">{a.stateLabel}</Tag>
              </td>
              <td>
                <Button type="link" size="small">
                  报装详情
                </Button>
                <Button type="link" size="small">
                  报装记录
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination total={rows?.length ?? 0} pageSize={50} showTotal={(total) => `共 ${total} 条`} />
    </>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <ConfigProvider locale={zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <StackList />
    </ConfigProvider>,
  );
}
