import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useReportError, useRequest } from '../../../hooks/useRequest';
import { ROLE_LABELS, STAFF_ROLES, chinaDateTime } from '../../../labels';
import { useMessage } from '../../../feedback';
import { useErrorHandler } from '../../../requestErrorConfig';
import type { StaffUser } from '../../../types';
import { listUsers, unlockUser } from './service';
import { UserForm } from './UserForm';

/** 用户与角色: staff accounts, their roles, enabled or not, and lockouts. */
export default function UsersPage() {
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const [includeDisabled, setIncludeDisabled] = useState(true);
  const [editing, setEditing] = useState<StaffUser | null | 'new'>(null);
  const handleError = useErrorHandler();
  const message = useMessage();
  const query = { q: q.trim() || undefined, role, includeDisabled };
  const list = useRequest(JSON.stringify(query), (signal) => listUsers(query, signal));
  useReportError(list.error, handleError);
  const users = list.data?.data ?? [];
  const load = list.reload;

  const unlock = async (user: StaffUser) => {
    try {
      await unlockUser(user.id);
      void message.success(`已解除 ${user.displayName} 的登录锁定`);
      load();
    } catch (error) {
      handleError(error);
    }
  };

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>用户与角色</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新增用户
        </Button>
      </div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search placeholder="姓名 / 用户名" allowClear onSearch={setQ} style={{ width: 220 }} />
        <Select
          allowClear
          placeholder="全部角色"
          style={{ width: 160 }}
          value={role}
          onChange={setRole}
          options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        />
        <Space>
          <Switch checked={includeDisabled} onChange={setIncludeDisabled} size="small" /> 显示已停用
        </Space>
      </Space>
      <Table<StaffUser>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={users}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: '姓名', dataIndex: 'displayName', width: 100, fixed: 'left' },
          { title: '用户名', dataIndex: 'username', width: 120 },
          { title: '手机号', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
          {
            title: '企业微信',
            dataIndex: 'wecomUserId',
            width: 120,
            render: (v: string | null) => v ?? <Typography.Text type="secondary">未绑定</Typography.Text>,
          },
          {
            title: '角色',
            dataIndex: 'roleLabels',
            render: (labels: string[]) => (
              <Space size={[4, 4]} wrap>
                {labels.map((l) => (
                  <Tag key={l} color="blue">
                    {l}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: '状态',
            key: 'status',
            width: 150,
            render: (_: unknown, u) => (
              <Space size={4} wrap>
                {u.enabled ? <Tag color="success">在职</Tag> : <Tag>已停用</Tag>}
                {u.lockedUntil && <Tag color="error">锁定至 {chinaDateTime(u.lockedUntil).slice(11)}</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'ops',
            width: 150,
            render: (_: unknown, u) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(u)}>
                  编辑
                </Button>
                {u.lockedUntil && (
                  <Button type="link" size="small" onClick={() => unlock(u)}>
                    解除锁定
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <UserForm
        user={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          load();
        }}
      />
    </div>
  );
}
