import { DownloadOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useReportError, useRequest } from '../../hooks/useRequest';
import { ATTACHMENT_CATEGORIES, chinaDateTime } from '../../labels';
import { useErrorHandler } from '../../requestErrorConfig';
import { downloadAttachment } from '../../services/attachments';
import { listUsers } from '../admin/Users/service';
import { searchArchive, type ArchiveFilters, type ArchiveRow } from './service';

const TEXT_KEYS = ['q', 'number', 'name', 'from', 'to', 'category'] as const;

function filtersFrom(params: URLSearchParams): ArchiveFilters {
  const filters: ArchiveFilters = { page: Math.max(1, Number(params.get('page')) || 1), pageSize: 20 };
  for (const key of TEXT_KEYS) {
    const value = params.get(key)?.trim();
    if (value) {
      filters[key] = value;
    }
  }
  const uploader = Number(params.get('uploader'));
  if (Number.isInteger(uploader) && uploader > 0) {
    filters.uploader = uploader;
  }
  return filters;
}

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * 档案查询: every file kept with the applications — by 报装编号, 单位名称, category, uploader, date or
 * file name — opened or downloaded as the viewer's role allows. The filters live in the address.
 */
export default function ArchivePage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const [listedAt, setListedAt] = useState(0);
  const handleError = useErrorHandler();
  const list = useRequest(JSON.stringify(filters), async (signal) => {
    const reply = await searchArchive(filters, signal);
    setListedAt(Date.now());
    return reply;
  });
  useReportError(list.error, handleError);
  const staff = useRequest('archive-staff', (signal) => listUsers({}, signal));
  const rows = list.data?.data ?? [];

  const update = (next: Partial<ArchiveFilters>) => {
    const merged: ArchiveFilters = { ...filters, page: 1, ...next };
    const search: Record<string, string> = {};
    for (const [key, value] of Object.entries(merged)) {
      if (value !== undefined && value !== '' && !(key === 'page' && value === 1) && key !== 'pageSize') {
        search[key] = String(value);
      }
    }
    setParams(search, { replace: true });
  };

  const download = (row: ArchiveRow) =>
    downloadAttachment(row.id, row.originalName, { url: row.downloadUrl, listedAt }).catch((error: unknown) => handleError(error));

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>档案查询</Typography.Title>
      </div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="文件名称"
          defaultValue={filters.q}
          style={{ width: 200 }}
          onSearch={(q) => update({ q: q.trim() || undefined })}
          aria-label="文件名称"
        />
        <Input.Search
          allowClear
          placeholder="报装编号"
          defaultValue={filters.number}
          style={{ width: 180 }}
          onSearch={(number) => update({ number: number.trim() || undefined })}
          aria-label="报装编号"
        />
        <Input.Search
          allowClear
          placeholder="单位名称 / 姓名"
          defaultValue={filters.name}
          style={{ width: 200 }}
          onSearch={(name) => update({ name: name.trim() || undefined })}
          aria-label="单位名称"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部类别"
          style={{ width: 160 }}
          value={filters.category}
          onChange={(category?: string) => update({ category })}
          options={Object.entries(ATTACHMENT_CATEGORIES).map(([value, def]) => ({ value, label: def.label }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部上传人"
          style={{ width: 160 }}
          value={filters.uploader}
          onChange={(uploader?: number) => update({ uploader })}
          options={(staff.data?.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
        />
        <Space.Compact>
          <Input
            type="date"
            aria-label="上传日期从"
            value={filters.from ?? ''}
            onChange={(e) => update({ from: e.target.value || undefined })}
          />
          <Input
            type="date"
            aria-label="上传日期至"
            value={filters.to ?? ''}
            onChange={(e) => update({ to: e.target.value || undefined })}
          />
        </Space.Compact>
      </Space>
      <Table<ArchiveRow>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={rows}
        scroll={{ x: 1100 }}
        locale={{ emptyText: '没有符合条件的文件' }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.meta?.total ?? rows.length,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 个文件`,
          onChange: (page) => update({ page }),
        }}
        columns={[
          {
            title: '报装编号',
            dataIndex: 'applicationNumber',
            width: 140,
            render: (number: string, r) => <Link to={`/applications/${r.applicationId}`}>{number}</Link>,
          },
          { title: '单位名称', dataIndex: 'applicationName', width: 180, ellipsis: true },
          { title: '类别', dataIndex: 'categoryLabel', width: 120 },
          {
            title: '文件名称',
            key: 'name',
            render: (_: unknown, r) => (
              <span>
                {r.displayName} {!r.current && <Tag>历史版本</Tag>}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.originalName} · {size(r.size)}
                </Typography.Text>
              </span>
            ),
          },
          { title: '上传人', key: 'uploader', width: 100, render: (_: unknown, r) => r.uploader?.name ?? '—' },
          { title: '上传时间', dataIndex: 'createdAt', width: 150, render: (v: string) => chinaDateTime(v) },
          {
            title: '操作',
            key: 'actions',
            width: 100,
            render: (_: unknown, r) =>
              r.downloadUrl ? (
                <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void download(r)}>
                  下载
                </Button>
              ) : (
                <Typography.Text type="secondary">无权下载</Typography.Text>
              ),
          },
        ]}
      />
    </div>
  );
}
