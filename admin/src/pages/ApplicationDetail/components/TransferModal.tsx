import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useMessage } from '../../../feedback';
import { useErrorHandler } from '../../../requestErrorConfig';
import type { Application, StaffSummary } from '../../../types';
import { transferStep } from '../service';

/** 转交: hand the current step to a colleague who holds its role. */
export function TransferModal({
  app,
  staff,
  open,
  onClose,
  onDone,
}: {
  app: Application;
  staff: readonly StaffSummary[];
  open: boolean;
  onClose: () => void;
  onDone: (app: Application) => void;
}) {
  const [form] = Form.useForm<{ userId?: number; comment?: string }>();
  const [saving, setSaving] = useState(false);
  const message = useMessage();
  const handleError = useErrorHandler();
  const role = app.step.handlerRole;
  const options = staff
    .filter((u) => role && (u.roles as readonly string[]).includes(role) && u.id !== app.step.assignee?.id)
    .map((u) => ({ value: u.id, label: u.displayName }));

  const submit = async () => {
    const { userId, comment } = form.getFieldsValue();
    if (!userId) {
      form.setFields([{ name: 'userId', errors: ['请选择转交对象'] }]);
      return;
    }
    setSaving(true);
    try {
      const { data } = await transferStep(app.id, { userId, comment: comment?.trim() || undefined, version: app.version });
      void message.success('已转交');
      onDone(data);
    } catch (error) {
      handleError(error, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={`转交「${app.step.label}」`}
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText="转交"
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="userId" label={`转交给（${app.step.handlerLabel ?? ''}）`} required>
          <Select
            options={options}
            placeholder="请选择同事"
            showSearch={{ optionFilterProp: 'label' }}
            notFoundContent="没有其他可转交的人员"
          />
        </Form.Item>
        <Form.Item name="comment" label="说明">
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
