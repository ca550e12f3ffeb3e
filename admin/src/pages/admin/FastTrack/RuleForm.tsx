import { Checkbox, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import {
  APPLICANT_KINDS,
  APPLICANT_KIND_LABELS,
  CALIBERS,
  CHANNELS,
  CHANNEL_LABELS,
  WATER_TYPES,
  WATER_TYPE_LABELS,
  caliberLabel,
  fastTrackRuleInputSchema,
  type FastTrackRuleView,
} from '@wc/shared';
import { useErrorHandler, validateWith } from '../../../requestErrorConfig';
import { createFastTrackRule, saveFastTrackRule } from './service';

interface Props {
  /** The rule to edit, `'new'` for a new one, null when closed. */
  rule: FastTrackRuleView | 'new' | null;
  onClose: () => void;
  onSaved: (rules: FastTrackRuleView[], name: string) => void;
}

interface Values {
  name: string;
  enabled: boolean;
  conditions: {
    kinds: string[];
    waterTypes: string[];
    maxCaliber?: number;
    noExternalWorks: boolean;
    channels: string[];
  };
}

const EMPTY: Values = {
  name: '',
  enabled: true,
  conditions: { kinds: ['resident'], waterTypes: [], maxCaliber: 25, noExternalWorks: true, channels: [] },
};

/** The dialog that adds or changes a rule: its name, whether it is in force, and each condition. */
export function RuleForm({ rule, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const handleError = useErrorHandler();

  useEffect(() => {
    if (rule) {
      form.resetFields();
      form.setFieldsValue(
        rule === 'new'
          ? EMPTY
          : {
              name: rule.name,
              enabled: rule.enabled,
              // The select shows 不限 for an empty value.
              conditions: { ...rule.conditions, maxCaliber: rule.conditions.maxCaliber ?? undefined },
            },
      );
    }
  }, [rule, form]);

  const submit = async () => {
    if (!rule) {
      return;
    }
    const values = form.getFieldsValue(true) as Values;
    const input = validateWith(form, fastTrackRuleInputSchema, {
      ...values,
      conditions: { ...values.conditions, maxCaliber: values.conditions.maxCaliber ?? null },
    });
    if (!input) {
      return;
    }
    setSaving(true);
    try {
      const { data } = rule === 'new' ? await createFastTrackRule(input) : await saveFastTrackRule(rule.id, input);
      onSaved(data, input.name);
    } catch (error) {
      handleError(error, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={rule !== null}
      title={rule === 'new' ? '新增快速通道规则' : rule ? `修改规则：${rule.name}` : ''}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" className="fast-track-form">
        <Form.Item name="name" label="规则名称" required>
          <Input maxLength={50} placeholder="如：居民小口径" />
        </Form.Item>
        <Form.Item name={['conditions', 'kinds']} label="报装用户类型" required>
          <Checkbox.Group options={APPLICANT_KINDS.map((k) => ({ value: k, label: APPLICANT_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name={['conditions', 'waterTypes']} label="报装类型" extra="不选表示不限">
          <Checkbox.Group options={WATER_TYPES.map((w) => ({ value: w, label: WATER_TYPE_LABELS[w] }))} />
        </Form.Item>
        <Form.Item
          name={['conditions', 'maxCaliber']}
          label="最大用水口径"
          extra="申请的用水口径不超过此值才走快速通道；未填写口径的申请不匹配"
        >
          <Select allowClear placeholder="不限" options={CALIBERS.map((c) => ({ value: c, label: caliberLabel(c) }))} />
        </Form.Item>
        <Form.Item
          name={['conditions', 'noExternalWorks']}
          label="不涉及外线工程"
          valuePropName="checked"
          extra="开启后，只有申请中选择「不涉及」外线工程的才匹配"
        >
          <Switch />
        </Form.Item>
        <Form.Item name={['conditions', 'channels']} label="受理渠道" extra="不选表示不限">
          <Checkbox.Group options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))} />
        </Form.Item>
        <Form.Item name="enabled" label="启用" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
