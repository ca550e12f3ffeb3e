import { Alert, Select, Space, Table, Tag, Typography } from 'antd';
import { NOTIFICATION_STATUS_LABELS } from '@wc/shared';
import { useState } from 'react';
import { ChannelStatus } from '../../../components/ChannelStatus';
import { useReportError, useRequest } from '../../../hooks/useRequest';
import { Link } from 'react-router';
import { chinaDateTime } from '../../../labels';
import { isApiError } from '../../../request';
import { useErrorHandler } from '../../../requestErrorConfig';
import type { NotificationStatus, SentNotification } from '../../../types';
import { fetchNotifications } from './service';

/** The tags' colours; the labels are the shared ones the server also sends (`statusLabel`). */
const STATUS_COLORS: Record<NotificationStatus, string> = {
  pending: 'default',
  sending: 'processing',
  sent: 'success',
  recorded: 'blue',
  failed: 'error',
};

/** 消息发送记录: progress messages to applicants and work alerts to staff, with each channel's outcome (WeChat, SMS). */
export default function NotificationsPage() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [status, setStatus] = useState<string | undefined>();
  const handleError = useErrorHandler();
  const query = { status, page, pageSize };
  const list = useRequest(JSON.stringify(query), (signal) => fetchNotifications(query, signal));
  // The notifications API belongs to a teammate's issue; until it exists the page says so.
  const unavailable = isApiError(list.error) && list.error.status === 404;
  useReportError(unavailable ? undefined : list.error, handleError);
  const rows = list.data?.data ?? [];
  const total = list.data?.meta?.total ?? rows.length;
  const loading = list.loading;

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>消息发送记录</Typography.Title>
        <Space>
          <Select
            allowClear
            placeholder="全部状态"
            style={{ width: 160 }}
            value={status}
            onChange={(v?: string) => {
              setStatus(v);
              setPage(1);
            }}
            options={Object.entries(NOTIFICATION_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Space>
      </div>
      <ChannelStatus />
      {unavailable && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="消息服务暂未开通，暂无发送记录。" />}
      <Table<SentNotification>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={rows}
        scroll={{ x: 1000 }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: '时间', dataIndex: 'createdAt', width: 140, render: (v: string) => chinaDateTime(v) },
          {
            title: '报装编号',
            key: 'number',
            width: 140,
            render: (_: unknown, r) =>
              r.applicationId ? <Link to={`/applications/${r.applicationId}`}>{r.number ?? `#${r.applicationId}`}</Link> : '—',
          },
          {
            title: '对象',
            key: 'recipient',
            width: 130,
            render: (_: unknown, r) =>
              `${r.audience === 'applicant' ? '报装用户' : '工作人员'}${r.recipient ? ` ${r.recipient.name}` : ''}`,
          },
          { title: '内容', key: 'text', render: (_: unknown, r) => r.text || r.title },
          { title: '渠道', dataIndex: 'channelLabel', width: 130, render: (v: string | null) => v ?? '—' },
          {
            title: '状态',
            key: 'status',
            width: 280,
            render: (_: unknown, r) => (
              <Space orientation="vertical" size={0}>
                <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
                {r.status === 'failed' && (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {r.errorCode ? `错误码 ${r.errorCode}：` : ''}
                    {r.lastError ?? ''}（已尝试 {r.attempts} 次）
                  </Typography.Text>
                )}
                {r.sentAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {chinaDateTime(r.sentAt)} 发出
                  </Typography.Text>
                )}
                {/* Each channel tried, newest first: 短信 138****5678：已发送 / 失败（原因） / 限流（原因）. */}
                {(r.deliveries ?? []).slice(0, 4).map((d, i) => (
                  <Typography.Text
                    key={i}
                    data-delivery={d.outcome}
                    type={d.outcome === 'sent' ? 'secondary' : d.outcome === 'limited' ? 'warning' : 'danger'}
                    style={{ fontSize: 12 }}
                  >
                    {d.channelLabel}
                    {d.channel === 'sms' && d.recipient ? ` ${d.recipient}` : ''}：{d.outcomeLabel}
                  </Typography.Text>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
