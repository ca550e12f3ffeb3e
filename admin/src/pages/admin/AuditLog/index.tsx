import { SafetyCertificateOutlined } from '@ant-design/icons';
import { AUDIT_ACTION_LABELS, type AuditEventView, type AuditVerifyView } from '@wc/shared';
import { Alert, Button, DatePicker, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useReportError, useRequest } from '../../../hooks/useRequest';
import { chinaDateTime } from '../../../labels';
import { useErrorHandler } from '../../../requestErrorConfig';
import { listUsers } from '../Users/service';
import { fetchAudit, verifyAudit, type AuditFilters } from './service';

const PROBLEMS: Record<string, string> = {
  hash: '内容被改动',
  link: '前后记录断开',
  seq: '记录缺失或重复',
  head: '最新记录被删除',
};
const TABLES: Record<string, string> = { application_history: '报装记录', audit_events: '审计日志' };

function VerifyResult({ result }: { result: AuditVerifyView }) {
  if (result.problems.length === 0) {
    return (
      <Alert
        type="success"
        showIcon
        title={`校验通过：${result.checked} 条记录的哈希链完整（${chinaDateTime(result.at)}，用时 ${result.tookMs} 毫秒）`}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title={`校验发现 ${result.problems.length} 处问题（共检查 ${result.checked} 条记录）`}
      description={
        <ul className="audit-problems">
          {result.problems.slice(0, 20).map((p) => (
            <li key={`${p.table}-${p.id}-${p.problem}`}>
              {TABLES[p.table] ?? p.table} 第 {p.id} 条：{PROBLEMS[p.problem] ?? p.problem}
              {p.applicationId !== null && (
                <>
                  （<Link to={`/applications/${p.applicationId}`}>查看报装</Link>）
                </>
              )}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/**
 * 审计日志: who exported, changed users, settings, thresholds or the calendar, edited an application
 * or resent a message — filtered by person, kind and date — and the hash chains checked on demand.
 */
export default function AuditLogPage() {
  const [filters, setFilters] = useState<AuditFilters>({ page: 1, pageSize: 50 });
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<AuditVerifyView | null>(null);
  const handleError = useErrorHandler();
  const list = useRequest(JSON.stringify(filters), (signal) => fetchAudit(filters, signal));
  const staff = useRequest('audit-staff', (signal) => listUsers({ includeDisabled: true }, signal));
  useReportError(list.error, handleError);
  const rows = list.data?.data ?? [];
  const update = (next: Partial<AuditFilters>) => setFilters((f) => ({ ...f, page: 1, ...next }));

  const verify = async () => {
    setVerifying(true);
    try {
      setVerified((await verifyAudit()).data);
    } catch (error) {
      handleError(error);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>审计日志</Typography.Title>
        <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()}>
          校验记录完整性
        </Button>
      </div>
      {verified && (
        <div style={{ marginBottom: 12 }}>
          <VerifyResult result={verified} />
        </div>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部操作人"
          style={{ width: 180 }}
          value={filters.actor}
          onChange={(actor?: number) => update({ actor })}
          options={(staff.data?.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
        />
        <Select
          allowClear
          placeholder="全部操作类型"
          style={{ width: 180 }}
          value={filters.action}
          onChange={(action?: string) => update({ action })}
          options={Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <DatePicker.RangePicker
          value={range}
          placeholder={['开始日期', '结束日期']}
          onChange={(value) => {
            setRange(value);
            update({ from: value?.[0]?.format('YYYY-MM-DD'), to: value?.[1]?.format('YYYY-MM-DD') });
          }}
        />
      </Space>
      <Table<AuditEventView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={rows}
        scroll={{ x: 900 }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.meta?.total ?? rows.length,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
        }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => chinaDateTime(v) },
          { title: '操作人', key: 'actor', width: 120, render: (_: unknown, r) => r.actor?.name ?? '系统' },
          { title: '操作', dataIndex: 'actionLabel', width: 140 },
          {
            title: '对象',
            key: 'target',
            width: 160,
            render: (_: unknown, r) =>
              r.applicationId !== null ? <Link to={`/applications/${r.applicationId}`}>{r.target}</Link> : (r.target ?? '—'),
          },
          { title: '内容', dataIndex: 'summary' },
          { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </div>
  );
}
