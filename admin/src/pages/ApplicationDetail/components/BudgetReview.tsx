import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Skeleton, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { chinaDateTime } from '../../../labels';
import { useErrorHandler } from '../../../requestErrorConfig';
import type { Attachment, BudgetPreview } from '../../../types';
import { downloadAttachment, previewBudget } from '../service';

const money = (v: number | null | undefined) =>
  v === null || v === undefined ? '' : v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The items and total of a budget workbook, as the server read them (GET /api/attachments/:id/preview). */
export function BudgetTable({ attachment, compact = false }: { attachment: Attachment; compact?: boolean }) {
  const [preview, setPreview] = useState<BudgetPreview | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    previewBudget(attachment.id, controller.signal)
      .then(({ data }) => setPreview(data))
      .catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError') {
          setFailed((error as Error).message || '预算书无法预览');
        }
      });
    return () => controller.abort();
  }, [attachment.id]);

  if (failed) {
    return <Alert type="warning" showIcon title={`预算书无法在线预览：${failed}，请下载查看`} />;
  }
  if (!preview) {
    return <Skeleton active paragraph={{ rows: 3 }} />;
  }
  if (preview.items.length === 0) {
    return <Empty description="预算书中没有识别到预算项目，请下载查看" />;
  }
  return (
    <>
      {preview.matchesBudgetTotal === false && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={`预算书合计 ${money(preview.total)} 元与录入的预算总额 ${money(preview.budgetTotal)} 元不一致，请核对`}
        />
      )}
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={false}
        dataSource={preview.items}
        scroll={{ x: compact ? undefined : 560 }}
        columns={[
          { title: '序号', key: 'i', width: 56, render: (_v, _r, i) => i + 1 },
          { title: '名称', dataIndex: 'name' },
          { title: '规格', dataIndex: 'spec' },
          { title: '单位', dataIndex: 'unit', width: 60 },
          { title: '数量', dataIndex: 'quantity', width: 70, align: 'right' },
          { title: '单价（元）', dataIndex: 'price', width: 100, align: 'right', render: money },
          { title: '金额（元）', dataIndex: 'amount', width: 110, align: 'right', render: money },
        ]}
        summary={() =>
          preview.total === null ? null : (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={6}>
                <strong>合计</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <strong>{money(preview.total)}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
    </>
  );
}

/** A file line with its version date and a download button. */
export function FileLine({ file }: { file: Attachment }) {
  const handleError = useErrorHandler();
  return (
    <div className="file-line">
      <span>
        <Typography.Text strong>{file.categoryLabel}</Typography.Text>：{file.displayName}
        <Typography.Text type="secondary">（{chinaDateTime(file.createdAt)} 上传）</Typography.Text>
      </span>
      <Button
        size="small"
        icon={<DownloadOutlined />}
        onClick={() => downloadAttachment(file.id, file.displayName).catch((e: unknown) => handleError(e))}
      >
        下载
      </Button>
    </div>
  );
}

/**
 * What the applicant (or the clerk on their behalf) confirms: the current drawing and budget
 * versions. The decision names the budget version seen; a newer upload makes the server refuse it.
 */
export function DesignReview({ files, budgetTotal, title }: { files: readonly Attachment[]; budgetTotal: number | null; title: string }) {
  const budget = files.find((f) => f.category === 'budget' || f.category === 'change_budget');
  return (
    <div className="design-review">
      <Typography.Title level={5}>{title}</Typography.Title>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {files.map((file) => (
          <FileLine key={file.id} file={file} />
        ))}
        {budgetTotal !== null && (
          <Typography.Text>
            预算总额：<Typography.Text strong>{money(budgetTotal)} 元</Typography.Text>
          </Typography.Text>
        )}
        {budget ? <BudgetTable attachment={budget} /> : <Alert type="error" showIcon title="尚未上传预算书" />}
      </Space>
    </div>
  );
}

export { money };
