import { ArrowDownOutlined, ArrowUpOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Input, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  BILLING_FIELDS,
  DEFAULT_BILLING_COLUMNS,
  billingColumnsSchema,
  billingExportQuerySchema,
  billingHeaderRow,
  type BillingColumn,
  type BillingExportFormat,
} from '@wc/shared';
import { useMessage } from '../../../feedback';
import { useErrorHandler, validateWith } from '../../../requestErrorConfig';
import { exportBilling, fetchBillingColumns, saveBillingColumns } from './service';
import './billingExport.css';

const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
const monthStart = () => `${today().slice(0, 8)}01`;

/**
 * 立户导出: completed applications for the billing system (营业收费系统). The administrator names the
 * columns as the billing system's import expects them, chooses which to export and their order;
 * the export (CSV or Excel) takes the applications completed in a date range.
 */
export default function BillingExportPage() {
  // Untyped: its rows' errors are set by path (`columns.2.header`), as the server names them.
  const [form] = Form.useForm();
  const [range] = Form.useForm<{ from: string; to: string }>();
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const [exporting, setExporting] = useState<BillingExportFormat | null>(null);
  // `preserve`: each column's `field` has no input of its own, and it names the row.
  const columns: BillingColumn[] = Form.useWatch<BillingColumn[] | undefined>('columns', { form, preserve: true }) ?? [];
  const handleError = useErrorHandler();
  const message = useMessage();

  useEffect(() => {
    const controller = new AbortController();
    fetchBillingColumns(controller.signal)
      .then(({ data }) => {
        form.setFieldsValue({ columns: data });
        setLoaded(true);
      })
      .catch((error: unknown) => handleError(error));
    return () => controller.abort();
  }, [form, handleError]);

  const save = async () => {
    // Errors name rows by position, which moving rows changes: each save judges afresh.
    form.setFields(form.getFieldsError().map((f) => ({ name: f.name, errors: [] })));
    const values = validateWith(form, billingColumnsSchema, { columns: form.getFieldValue('columns') as unknown });
    if (!values) {
      return;
    }
    setSaving(true);
    try {
      const { data } = await saveBillingColumns(values.columns);
      form.setFieldsValue({ columns: data });
      void message.success('立户导出设置已保存');
    } catch (error) {
      handleError(error, form);
    } finally {
      setSaving(false);
    }
  };

  const download = async (format: BillingExportFormat) => {
    const values = validateWith(range, billingExportQuerySchema, range.getFieldsValue());
    if (!values) {
      return;
    }
    setExporting(format);
    try {
      const name = await exportBilling(format, values.from, values.to);
      void message.success(`已导出 ${name}`);
    } catch (error) {
      handleError(error, range);
    } finally {
      setExporting(null);
    }
  };

  return (
    <div className="billing-export">
      <div className="page-header">
        <Typography.Title level={2}>立户导出</Typography.Title>
      </div>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12, maxWidth: 860 }}
        title="把已完成的报装导出给营业收费系统立户。列名请按收费系统导入模板填写，勾选要导出的列并调整顺序；导出记录写入审计日志。"
      />
      <Card title="导出" style={{ maxWidth: 860, marginBottom: 16 }}>
        <Form form={range} layout="inline" initialValues={{ from: monthStart(), to: today() }}>
          <Form.Item name="from" label="完成日期自" required>
            <Input type="date" aria-label="完成日期自" />
          </Form.Item>
          <Form.Item name="to" label="至" required>
            <Input type="date" aria-label="完成日期至" />
          </Form.Item>
          <Space wrap>
            <Button icon={<DownloadOutlined />} loading={exporting === 'csv'} onClick={() => void download('csv')}>
              导出 CSV
            </Button>
            <Button icon={<DownloadOutlined />} loading={exporting === 'xlsx'} onClick={() => void download('xlsx')}>
              导出 Excel
            </Button>
          </Space>
        </Form>
      </Card>
      <Card title="导出列设置" style={{ maxWidth: 860 }}>
        {!loaded ? (
          <Skeleton active />
        ) : (
          <Form form={form} layout="vertical">
            <Form.List name="columns">
              {(fields, { move }) => (
                <table className="billing-columns">
                  <thead>
                    <tr>
                      <th>导出</th>
                      <th>报装系统字段</th>
                      <th>收费系统列名</th>
                      <th>顺序</th>
                    </tr>
                  </thead>
                  <tbody>
                    {fields.map((field, index) => {
                      const column = columns[index];
                      const label = column ? BILLING_FIELDS[column.field] : '';
                      return (
                        <tr key={field.key} data-testid={`billing-column-${column?.field ?? index}`}>
                          <td>
                            <Form.Item name={[field.name, 'included']} valuePropName="checked" noStyle>
                              <Checkbox aria-label={`导出${label}`} />
                            </Form.Item>
                          </td>
                          <td>{label}</td>
                          <td>
                            <Form.Item name={[field.name, 'header']} style={{ marginBottom: 0 }}>
                              <Input maxLength={50} aria-label={`${label}的列名`} />
                            </Form.Item>
                          </td>
                          <td>
                            <Space size={4}>
                              <Button
                                size="small"
                                icon={<ArrowUpOutlined />}
                                aria-label={`${label}上移`}
                                disabled={index === 0}
                                onClick={() => move(index, index - 1)}
                              />
                              <Button
                                size="small"
                                icon={<ArrowDownOutlined />}
                                aria-label={`${label}下移`}
                                disabled={index === fields.length - 1}
                                onClick={() => move(index, index + 1)}
                              />
                            </Space>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
            </Form.List>
            <div className="billing-preview">
              <Typography.Text type="secondary">表头预览：</Typography.Text>
              <code data-testid="billing-header-preview">{billingHeaderRow(columns.filter(Boolean)).join(',') || '（未选择导出列）'}</code>
            </div>
            <Space wrap style={{ marginTop: 16 }}>
              <Button type="primary" loading={saving} onClick={() => void save()}>
                保存
              </Button>
              <Button onClick={() => form.setFieldsValue({ columns: DEFAULT_BILLING_COLUMNS.map((c) => ({ ...c })) })}>恢复默认</Button>
            </Space>
          </Form>
        )}
      </Card>
    </div>
  );
}
