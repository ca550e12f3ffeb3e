import { Checkbox, Form, Input, Modal, Radio, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { reasonCategoryInputSchema, type ActionKey, type ReasonCategoryView, type ReasonSettingsView } from '@wc/shared';
import { useErrorHandler, validateWith } from '../../../requestErrorConfig';
import { addReasonCategory, saveReasonCategory } from './service';

interface Props {
  /** `'new'` adds one; a category edits it; null: closed. */
  editing: ReasonCategoryView | 'new' | null;
  actions: ReasonSettingsView['actions'];
  onClose: () => void;
  onSaved: (view: ReasonSettingsView, label: string) => void;
}

interface Values {
  label: string;
  scope: 'all' | 'some';
  actions: ActionKey[];
  enabled: boolean;
}

/** The dialog that adds or changes one 原因类别: its name, the actions it is offered for, enabled. */
export function ReasonForm({ editing, actions, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const handleError = useErrorHandler();
  const scope = Form.useWatch('scope', form);

  useEffect(() => {
    if (editing) {
      form.resetFields();
      form.setFieldsValue(
        editing === 'new'
          ? { label: '', scope: 'all', actions: [], enabled: true }
          : { label: editing.label, scope: editing.actions ? 'some' : 'all', actions: editing.actions ?? [], enabled: editing.enabled },
      );
    }
  }, [editing, form]);

  const submit = async () => {
    if (!editing) {
      return;
    }
    const values = form.getFieldsValue(true) as Values;
    const input = validateWith(form, reasonCategoryInputSchema, {
      label: values.label ?? '',
      actions: values.scope === 'all' ? null : (values.actions ?? []),
      enabled: values.enabled,
    });
    if (!input) {
      return;
    }
    setSaving(true);
    try {
      const { data } = editing === 'new' ? await addReasonCategory(input) : await saveReasonCategory(editing.id, input);
      onSaved(data, input.label);
    } catch (error) {
      handleError(error, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={editing !== null}
      title={editing === 'new' ? '新增原因类别' : editing ? `修改原因类别：${editing.label}` : ''}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {editing && (
        <Form form={form} layout="vertical" className="reason-form">
          <Form.Item name="label" label="原因类别名称" required>
            <Input maxLength={30} placeholder="如：材料不全" aria-label="原因类别名称" />
          </Form.Item>
          <Form.Item name="scope" label="适用的操作">
            <Radio.Group
              options={[
                { value: 'all', label: '全部退回/驳回操作' },
                { value: 'some', label: '指定操作' },
              ]}
            />
          </Form.Item>
          {scope === 'some' && (
            <Form.Item name="actions">
              <Checkbox.Group options={actions.map((a) => ({ value: a.key, label: a.label }))} />
            </Form.Item>
          )}
          <Form.Item name="enabled" label="启用" valuePropName="checked" extra="停用后办理时不再提供此原因，已有的报装记录和统计不受影响">
            <Switch />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
