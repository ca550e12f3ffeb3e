import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  FundOutlined,
  BellOutlined,
  CalendarOutlined,
  ExportOutlined,
  FileDoneOutlined,
  ThunderboltOutlined,
  FolderOpenOutlined,
  FormOutlined,
  IdcardOutlined,
  InboxOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  MessageOutlined,
  OrderedListOutlined,
  SettingOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Badge, Button, Drawer, Dropdown, Layout, Menu, type MenuProps } from 'antd';
import { Suspense, lazy, useMemo, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { access } from '../access';
import { BootLoading } from '../components/BootLoading';
import { CalendarBanner } from '../components/CalendarBanner';
import { useSession } from '../session';
import { useWorklistBadge } from './useWorklistBadge';
import './layout.css';
import { usePhone } from '../hooks/usePhone';
import { useStableNavigate } from '../hooks/useStableNavigate';
import { OfflineBadge } from '../offline/OfflineBadge';

const PasswordModal = lazy(() => import('../components/PasswordModal'));

/** The menu entry a path belongs to (the detail page belongs to the list). */
function selectedKey(pathname: string): string {
  if (pathname.startsWith('/applications/new')) {
    return '/applications/new';
  }
  if (pathname.startsWith('/applications')) {
    return '/applications';
  }
  return pathname;
}

/** The frame of every staff screen: side menu on a PC, a drawer menu on a phone; `page` draws the route's page inside. */
export function BasicLayout({ page }: { page: ReactNode }) {
  const { user, logout } = useSession();
  const navigate = useStableNavigate();
  const location = useLocation();
  const phone = usePhone();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const badge = useWorklistBadge();
  const can = access(user);

  const items = useMemo<MenuProps['items']>(() => {
    const list: NonNullable<MenuProps['items']> = [
      {
        key: '/worklist',
        icon: <InboxOutlined />,
        label: (
          <span>
            我的待办 <Badge count={badge.total} size="small" overflowCount={99} color={badge.overdue > 0 ? '#cf1322' : '#1668dc'} />
          </span>
        ),
      },
      { key: '/applications', icon: <OrderedListOutlined />, label: '报装列表' },
      { key: '/archive', icon: <FolderOpenOutlined />, label: '档案查询' },
    ];
    if (can.windowEntry) {
      list.push({ key: '/applications/new', icon: <FormOutlined />, label: '窗口受理' });
    }
    if (can.dashboard) {
      list.push({ key: '/dashboard', icon: <BarChartOutlined />, label: '统计看板' });
      list.push({ key: '/report', icon: <FundOutlined />, label: '获得用水' });
    }
    if (can.admin) {
      list.push({
        key: 'admin',
        icon: <SettingOutlined />,
        label: '系统管理',
        children: [
          { key: '/admin/users', icon: <TeamOutlined />, label: '用户与角色' },
          { key: '/admin/applicants', icon: <IdcardOutlined />, label: '报装用户管理' },
          { key: '/admin/steps', icon: <ApartmentOutlined />, label: '流程步骤设置' },
          { key: '/admin/contract-stages', icon: <AppstoreOutlined />, label: '合同审批环节' },
          { key: '/admin/calendar', icon: <CalendarOutlined />, label: '工作日历' },
          { key: '/admin/materials', icon: <FileDoneOutlined />, label: '申请材料设置' },
          { key: '/admin/reasons', icon: <TagsOutlined />, label: '原因类别' },
          { key: '/admin/fast-track', icon: <ThunderboltOutlined />, label: '快速通道规则' },
          { key: '/admin/billing-export', icon: <ExportOutlined />, label: '立户导出' },
          { key: '/admin/notifications', icon: <BellOutlined />, label: '消息发送记录' },
          { key: '/admin/sms-templates', icon: <MessageOutlined />, label: '短信模板' },
          { key: '/admin/audit', icon: <AuditOutlined />, label: '审计日志' },
          { key: '/admin/utility', icon: <BankOutlined />, label: '单位信息' },
        ],
      });
    }
    return list;
  }, [badge.total, badge.overdue, can.windowEntry, can.dashboard, can.admin]);

  // The frame is kept as the same elements while only the page changes (list → detail → back):
  // React then skips the menu and the header instead of rendering them again on every navigation.
  const selected = selectedKey(location.pathname);
  const inAdmin = location.pathname.startsWith('/admin');
  const menu = useMemo(
    () => (
      <Menu
        theme="dark"
        mode="inline"
        items={items}
        selectedKeys={[selected]}
        defaultOpenKeys={inAdmin ? ['admin'] : []}
        onClick={({ key }) => {
          setDrawerOpen(false);
          void navigate(key);
        }}
      />
    ),
    [items, selected, inAdmin, navigate],
  );

  const userMenu = useMemo<MenuProps>(
    () => ({
      items: [
        { key: 'roles', label: user?.roleLabels.join('、') || '—', disabled: true },
        { type: 'divider' },
        { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
        { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
      ],
      onClick: ({ key }) => {
        if (key === 'logout') {
          logout();
          void navigate('/login', { replace: true });
        } else if (key === 'password') {
          setPasswordOpen(true);
        }
      },
    }),
    [user, logout, navigate],
  );

  const sider = useMemo(
    () =>
      phone ? null : (
        <Layout.Sider width={208} breakpoint="lg" collapsedWidth={64} className="app-sider">
          <div className="app-logo" title="用户报装管理系统">
            <span className="app-logo-mark">水</span>
            <span className="app-logo-text">用户报装管理</span>
          </div>
          {menu}
        </Layout.Sider>
      ),
    [phone, menu],
  );

  const header = useMemo(
    () => (
      <Layout.Header className="app-header">
        {phone && (
          <Button type="text" aria-label="打开菜单" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} className="app-menu-button">
            {badge.total > 0 && <Badge dot offset={[2, -8]} color={badge.overdue > 0 ? '#cf1322' : '#1668dc'} />}
          </Button>
        )}
        <div className="app-title">{phone ? '用户报装管理' : '自来水公司 用户报装管理系统'}</div>
        <OfflineBadge />
        <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
          <Button type="text" icon={<UserOutlined />} className="app-user" data-testid="user-menu">
            {user?.displayName}
          </Button>
        </Dropdown>
      </Layout.Header>
    ),
    [phone, badge.total, badge.overdue, userMenu, user?.displayName],
  );

  return (
    <Layout className="app-layout">
      {sider}
      <Layout>
        {header}
        <Layout.Content className="page-content">
          {can.admin && <CalendarBanner />}
          {page}
        </Layout.Content>
      </Layout>
      {phone && (
        <Drawer
          open={drawerOpen}
          placement="left"
          size={240}
          onClose={() => setDrawerOpen(false)}
          styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
        >
          <div className="app-logo">
            <span className="app-logo-mark">水</span>
            <span className="app-logo-text">用户报装管理</span>
          </div>
          {menu}
        </Drawer>
      )}
      {passwordOpen && (
        <Suspense fallback={<BootLoading />}>
          <PasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
        </Suspense>
      )}
    </Layout>
  );
}
