import { Alert, Button, Card, Form, Input, Select, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ROLE_LABELS, STAFF_ROLES, contractStagesSchema, fieldErrors } from '@wc/shared';
import { useMessage } from '../../../feedback';
import { applyFieldErrors, useErrorHandler } from '../../../requestErrorConfig';
import type { ContractStage } from '../../../types';
import { fetchContractStages, saveContractStages } from './service';

/** 合同审批环节: the seven sequential approval stages, each with a name and the role that decides it. */
export default function ContractStagesPage() {
  const [form] = Form.useForm<{ stages: ContractStage[] }>();
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const handleError = useErrorHandler();
  const message = useMessage();

  useEffect(() => {
    fetchContractStages()
      .then(({ data }) => {
        form.setFieldsValue({ stages: data });
        setLoaded(true);
      })
      .catch((error: unknown) => handleError(error));
  }, [form, handleError]);

  const submit = async () => {
    const values = form.getFieldsValue(true) as { stages: ContractStage[] };
    // The shared schema validates the list itself; its paths (`0.name`) sit under `stages` here.
    const result = contractStagesSchema.safeParse(values.stages);
    if (!result.success) {
      applyFieldErrors(
        form,
        fieldErrors(result.error).map((e) => ({ ...e, path: e.path ? `stages.${e.path}` : 'stages' })),
      );
      return;
    }
    const stages = result.data;
    setSaving(true);
    try {
      const { data } = await saveContractStages(stages);
      form.setFieldsValue({ stages: data });
      void message.success('合同审批环节已保存，之后提交的合同按新环节审批');
    } catch (error) {
      handleError(error, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>合同审批环节</Typography.Title>
      </div>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12, maxWidth: 760 }}
        title="合同提交后依次经过以下七个审批环节。进入每个环节前都会检查业主方审批状态；已在审批中的合同仍按提交时的环节办理。"
      />
      <Card style={{ maxWidth: 760 }}>
        {!loaded ? (
          <Skeleton active />
        ) : (
          <Form form={form} layout="vertical" onFinish={submit}>
            <Form.List name="stages">
              {(fields) =>
                fields.map((field, index) => (
                  <div key={field.key} className="stage-row">
                    <span className="stage-index">{index + 1}</span>
                    <Form.Item name={[field.name, 'name']} label="环节名称" required>
                      <Input maxLength={50} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'role']} label="审批角色" required>
                      <Select options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
                    </Form.Item>
                  </div>
                ))
              }
            </Form.List>
            <Button type="primary" htmlType="submit" loading={saving}>
              保存
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
