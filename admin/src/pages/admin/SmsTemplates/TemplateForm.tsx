import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { smsTemplateInputSchema, type SmsSettingsView, type SmsTemplateInput, type SmsTemplateView } from '@wc/shared';
import { useErrorHandler, validateWith } from '../../../requestErrorConfig';
import { saveSmsTemplate } from './service';

interface Props {
  slot: SmsTemplateView | null;
  paramMaxChars: number;
  onClose: () => void;
  onSaved: (view: SmsSettingsView) => void;
}

/** The dialog that sets one message's template code and what fills each of its variables. */
export function TemplateForm({ slot, paramMaxChars, onClose, onSaved }: Props) {
  const [form] = Form.useForm<SmsTemplateInput>();
  const [saving, setSaving] = useState(false);
  const handleError = useErrorHandler();

  useEffect(() => {
    if (slot) {
      form.resetFields();
      form.setFieldsValue(
        slot.template
          ? { templateCode: slot.template.templateCode, params: slot.template.params, enabled: slot.template.enabled }
          : { templateCode: '', params: slot.values.slice(0, 1).map((v) => ({ name: v.key, value: v.key })), enabled: true },
      );
    }
  }, [slot, form]);

  const submit = async () => {
    if (!slot) {
      return;
    }
    const input = validateWith(form, smsTemplateInputSchema, form.getFieldsValue(true));
    if (!input) {
      return;
    }
    setSaving(true);
    try {
      const { data } = await saveSmsTemplate(slot.key, input);
      onSaved(data);
    } catch (error) {
      handleError(error, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={slot !== null}
      title={slot ? `设置短信模板：${slot.label}` : ''}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={620}
    >
      {slot && (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          // A message put on a field by the last save goes once the field is changed.
          onFieldsChange={(changed) =>
            form.setFields(changed.filter((f) => f.errors && f.errors.length > 0 && f.touched).map((f) => ({ name: f.name, errors: [] })))
          }
        >
          <Form.Item name="templateCode" label="模板代码" extra="阿里云短信控制台 → 模板管理中审核通过的模板代码">
            <Input placeholder="SMS_123456789" aria-label="模板代码" />
          </Form.Item>
          <Typography.Text strong>模板变量</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            变量名与模板内容中的 ${'{'}变量名{'}'} 一致；每个变量最多 {paramMaxChars} 个字。
            {slot.values.some((v) => v.fits) &&
              `「${slot.values
                .filter((v) => v.fits)
                .map((v) => v.label)
                .join('」「')}」超长时截短发送，`}
            其余内容超长时不发送，并在消息发送记录中写明原因。
          </Typography.Paragraph>
          <Form.List name="params">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'name']} style={{ width: 200 }}>
                      <Input placeholder="变量名，如 number" aria-label={`变量名 ${index + 1}`} />
                    </Form.Item>
                    <Typography.Text>填入</Typography.Text>
                    <Form.Item name={[field.name, 'value']} style={{ width: 200 }}>
                      <Select
                        aria-label={`填入的内容 ${index + 1}`}
                        placeholder="选择内容"
                        options={slot.values.map((v) => ({ value: v.key, label: v.label }))}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      aria-label={`删除变量 ${index + 1}`}
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(field.name)}
                    />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', value: slot.values[0]?.key })}>
                  添加变量
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item name="enabled" label="启用" valuePropName="checked" style={{ marginTop: 16 }}>
            <Switch aria-label="启用" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
