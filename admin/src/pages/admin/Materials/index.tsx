import { Alert, Button, Card, Radio, Skeleton, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  APPLICANT_KINDS,
  APPLICANT_KIND_LABELS,
  ATTACHMENT_CATEGORIES,
  DEFAULT_MATERIAL_SETTINGS,
  MATERIAL_CATEGORIES,
  MATERIAL_MODES,
  MATERIAL_MODE_LABELS,
  RECOMMENDED_MATERIAL_SETTINGS,
  type MaterialCategory,
  type MaterialMode,
  type MaterialSettings,
} from '@wc/shared';
import { useMessage } from '../../../feedback';
import { useErrorHandler } from '../../../requestErrorConfig';
import { fetchMaterialSettings, saveMaterialSettings } from '../../../services/materials';

/**
 * 申请材料设置: which papers (营业执照, 身份证, 产权证明, 用水申请表) each kind's application form asks
 * for, and which of them the review needs before 审核通过 (and before 重新提交 of a returned one).
 */
export default function MaterialSettingsPage() {
  const [settings, setSettings] = useState<MaterialSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const handleError = useErrorHandler();
  const message = useMessage();

  useEffect(() => {
    const controller = new AbortController();
    fetchMaterialSettings(controller.signal)
      .then(({ data }) => setSettings(data))
      .catch((error: unknown) => handleError(error));
    return () => controller.abort();
  }, [handleError]);

  const change = (kind: (typeof APPLICANT_KINDS)[number], category: MaterialCategory, mode: MaterialMode) =>
    setSettings((prev) => (prev ? { ...prev, [kind]: { ...prev[kind], [category]: mode } } : prev));

  const save = async () => {
    if (!settings) {
      return;
    }
    setSaving(true);
    try {
      const { data } = await saveMaterialSettings(settings);
      setSettings(data);
      void message.success('申请材料设置已保存，审核和重新提交时按新设置检查');
    } catch (error) {
      handleError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>申请材料设置</Typography.Title>
      </div>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12, maxWidth: 760 }}
        title="申请表上显示「可选」和「必须」的材料；缺少「必须」的材料时，审核员不能审核通过，退回的申请也不能重新提交。修改对已在审核中的申请同样生效。"
      />
      <Card style={{ maxWidth: 760 }}>
        {!settings ? (
          <Skeleton active />
        ) : (
          <>
            <Table
              rowKey="category"
              pagination={false}
              size="middle"
              dataSource={MATERIAL_CATEGORIES.map((category) => ({ category }))}
              columns={[
                { title: '申请材料', dataIndex: 'category', render: (c: MaterialCategory) => ATTACHMENT_CATEGORIES[c].label },
                ...APPLICANT_KINDS.map((kind) => ({
                  title: APPLICANT_KIND_LABELS[kind],
                  key: kind,
                  render: (_: unknown, row: { category: MaterialCategory }) => (
                    <Radio.Group
                      size="small"
                      optionType="button"
                      aria-label={`${APPLICANT_KIND_LABELS[kind]}${ATTACHMENT_CATEGORIES[row.category].label}`}
                      value={settings[kind][row.category]}
                      onChange={(e) => change(kind, row.category, e.target.value as MaterialMode)}
                      options={MATERIAL_MODES.map((m) => ({ value: m, label: MATERIAL_MODE_LABELS[m] }))}
                    />
                  ),
                })),
              ]}
            />
            <Space wrap style={{ marginTop: 16 }}>
              <Button type="primary" loading={saving} onClick={() => void save()}>
                保存
              </Button>
              <Button onClick={() => setSettings(RECOMMENDED_MATERIAL_SETTINGS)}>填入推荐设置</Button>
              <Button onClick={() => setSettings(DEFAULT_MATERIAL_SETTINGS)}>恢复默认（均为可选）</Button>
            </Space>
          </>
        )}
      </Card>
    </div>
  );
}
