import { Alert, Button, Card, InputNumber, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { REPORT_FIGURES, REPORT_FIGURE_LABELS, REPORT_TARGET_FIELDS, type ReportTargetField, type ReportTargetView } from '@wc/shared';
import { useMessage } from '../../feedback';
import { isApiError } from '../../request';
import { useErrorHandler } from '../../requestErrorConfig';
import { fetchTargets, saveTargets } from './service';

/**
 * 获得用水目标: per applicant kind and route, the promise each figure is judged against. Everyone who
 * sees the report sees the targets; only administrators change them (the server checks and audits).
 */
export function TargetsCard({ canEdit, onSaved }: { canEdit: boolean; onSaved: () => void }) {
  const [rows, setRows] = useState<ReportTargetView[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const handleError = useErrorHandler();
  const message = useMessage();

  useEffect(() => {
    const controller = new AbortController();
    fetchTargets(controller.signal)
      .then(({ data }) => setRows(data))
      .catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError') {
          handleError(error);
        }
      });
    return () => controller.abort();
  }, [handleError]);

  const change = (index: number, field: ReportTargetField, value: number | null) =>
    setRows((prev) => prev?.map((row, i) => (i === index ? { ...row, [field]: value } : row)) ?? prev);

  const save = async () => {
    if (!rows) {
      return;
    }
    setSaving(true);
    setErrors({});
    try {
      const targets = rows.map(({ kindLabel: _k, routeLabel: _r, ...row }) => row);
      const { data } = await saveTargets({ targets });
      setRows(data);
      void message.success('获得用水目标已保存，报表按新目标判断达标');
      onSaved();
    } catch (error) {
      if (isApiError(error) && error.details.length > 0) {
        setErrors(Object.fromEntries(error.details.map((d) => [d.path, d.message])));
      }
      handleError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title="获得用水目标" className="report-card" data-testid="report-targets">
      <Typography.Paragraph type="secondary">
        空白表示不设目标。时间按九成申请（P90）对比目标，环节、材料、到柜台次数和费用按平均值对比。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey={(r) => `${r.kind}.${r.route}`}
        pagination={false}
        loading={!rows}
        dataSource={rows ?? []}
        scroll={{ x: 900 }}
        columns={[
          { title: '用户类型', dataIndex: 'kindLabel', fixed: 'left', width: 80 },
          { title: '办理路径', dataIndex: 'routeLabel', width: 90 },
          ...REPORT_FIGURES.map((figure) => {
            const field = REPORT_TARGET_FIELDS[figure];
            return {
              title: REPORT_FIGURE_LABELS[figure],
              key: field,
              render: (_: unknown, row: ReportTargetView, index: number) => {
                const error = errors[`targets.${index}.${field}`];
                return (
                  <>
                    <InputNumber
                      aria-label={`${row.kindLabel}${row.routeLabel}${REPORT_FIGURE_LABELS[figure]}目标`}
                      value={row[field]}
                      min={0}
                      disabled={!canEdit}
                      status={error ? 'error' : undefined}
                      onChange={(v) => change(index, field, typeof v === 'number' ? v : null)}
                      style={{ width: 96 }}
                    />
                    {error && <div className="report-field-error">{error}</div>}
                  </>
                );
              },
            };
          }),
        ]}
      />
      {canEdit ? (
        <Button type="primary" onClick={() => void save()} loading={saving} style={{ marginTop: 12 }} data-testid="report-targets-save">
          保存目标
        </Button>
      ) : (
        <Alert type="info" showIcon style={{ marginTop: 12 }} title="目标由系统管理员设置" />
      )}
    </Card>
  );
}
