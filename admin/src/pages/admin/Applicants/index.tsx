import type { ApplicantAccountView } from '@wc/shared';
import { Button, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMessage } from '../../../feedback';
import { useReportError, useRequest } from '../../../hooks/useRequest';
import { chinaDateTime } from '../../../labels';
import { useErrorHandler } from '../../../requestErrorConfig';
import { listApplicants, resetApplicantPassword, setApplicantEnabled, unlockApplicant, type ApplicantFilters } from './service';

const STATUS_OPTIONS = [
  { value: 'active', label: '正常' },
  { value: 'locked', label: '已锁定' },
  { value: 'disabled', label: '已停用' },
];

function StatusTag({ account }: { account: ApplicantAccountView }) {
  if (!account.enabled) {
    return <Tag color="default">已停用</Tag>;
  }
  if (account.locked) {
    return <Tag color="warning">已锁定</Tag>;
  }
  return <Tag color="success">正常</Tag>;
}

/**
 * 报装用户管理: the customers' accounts — who they are, how they log in (password, WeChat), how many
 * applications they have — with 解锁, 停用/启用 and 重置密码 (a temporary password shown once).
 */
export default function ApplicantsPage() {
  const [filters, setFilters] = useState<ApplicantFilters>({ page: 1, pageSize: 20 });
  const [busy, setBusy] = useState<number | null>(null);
  const handleError = useErrorHandler();
  const message = useMessage();
  const list = useRequest(JSON.stringify(filters), (signal) => listApplicants(filters, signal));
  useReportError(list.error, handleError);
  const rows = list.data?.data ?? [];

  const act = async (account: ApplicantAccountView, run: () => Promise<unknown>, done: string) => {
    setBusy(account.id);
    try {
      await run();
      void message.success(done);
      list.reload();
    } catch (error) {
      handleError(error);
    } finally {
      setBusy(null);
    }
  };

  const reset = (account: ApplicantAccountView) =>
    act(
      account,
      async () => {
        const { data } = await resetApplicantPassword(account.id);
        Modal.success({
          title: `${account.displayName} 的临时密码`,
          content: (
            <div>
              <Typography.Paragraph copyable={{ text: data.temporaryPassword }} className="temporary-password">
                {data.temporaryPassword}
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary">
                请核实身份后告知用户，并提醒其登录后在「我的 → 修改密码」中改为自己的密码。此密码只显示这一次，用户原有的登录已全部退出。
              </Typography.Paragraph>
            </div>
          ),
        });
      },
      '密码已重置',
    );

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>报装用户管理</Typography.Title>
      </div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder="姓名 / 用户名 / 手机号"
          allowClear
          style={{ width: 240 }}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined, page: 1 }))}
        />
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 140 }}
          value={filters.status}
          options={STATUS_OPTIONS}
          onChange={(status?: ApplicantFilters['status']) => setFilters((f) => ({ ...f, status, page: 1 }))}
        />
      </Space>
      <Table<ApplicantAccountView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={rows}
        scroll={{ x: 980 }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.meta?.total ?? rows.length,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 个账号`,
          onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
        }}
        columns={[
          { title: '用户名', dataIndex: 'username', width: 150 },
          { title: '名称', dataIndex: 'displayName', width: 160 },
          { title: '类型', dataIndex: 'applicantKindLabel', width: 90 },
          { title: '手机号', dataIndex: 'phone', width: 120, render: (v: string | null) => v ?? '—' },
          {
            title: '登录方式',
            key: 'login',
            width: 130,
            render: (_: unknown, a) => (
              <Space size={4}>
                {a.hasPassword && <Tag>密码</Tag>}
                {a.wechatBound && <Tag color="green">微信</Tag>}
              </Space>
            ),
          },
          {
            title: '报装',
            dataIndex: 'applications',
            width: 70,
            render: (n: number, a) => (n > 0 ? <Link to={`/applications?q=${encodeURIComponent(a.displayName)}`}>{n}</Link> : 0),
          },
          { title: '状态', key: 'status', width: 90, render: (_: unknown, a) => <StatusTag account={a} /> },
          { title: '注册时间', dataIndex: 'createdAt', width: 150, render: (v: string) => chinaDateTime(v) },
          {
            title: '操作',
            key: 'actions',
            fixed: 'right',
            width: 200,
            render: (_: unknown, a) => (
              <Space size={0} wrap>
                {a.locked && (
                  <Button
                    type="link"
                    size="small"
                    loading={busy === a.id}
                    onClick={() => void act(a, () => unlockApplicant(a.id), `已解除 ${a.displayName} 的登录锁定`)}
                  >
                    解锁
                  </Button>
                )}
                <Popconfirm
                  title={a.enabled ? `停用 ${a.displayName} 的账号？` : `启用 ${a.displayName} 的账号？`}
                  description={a.enabled ? '停用后该用户立即退出，不能再登录（申请记录保留）。' : undefined}
                  onConfirm={() => act(a, () => setApplicantEnabled(a.id, !a.enabled), a.enabled ? '账号已停用' : '账号已启用')}
                >
                  <Button type="link" size="small" danger={a.enabled} disabled={busy === a.id}>
                    {a.enabled ? '停用' : '启用'}
                  </Button>
                </Popconfirm>
                <Popconfirm
                  title={`重置 ${a.displayName} 的密码？`}
                  description="将生成临时密码，用户原有的登录全部退出。"
                  onConfirm={() => reset(a)}
                >
                  <Button type="link" size="small" disabled={busy === a.id || !a.enabled}>
                    重置密码
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
