import { Select, Typography } from 'antd';
import { useState } from 'react';
import { useMessage } from '../../../feedback';
import { useErrorHandler } from '../../../requestErrorConfig';
import { saveStepRobot, type WecomOverview } from './wecomService';

/** 企业微信群: the team robot that also posts this step's staff alerts; saved as soon as it is chosen. */
export function StepRobotSelect({
  flow,
  state,
  label,
  wecom,
  onSaved,
}: {
  flow: string;
  state: string;
  label: string;
  wecom: WecomOverview | null;
  onSaved: () => void;
}) {
  const [saving, setSaving] = useState(false);
  const message = useMessage();
  const handleError = useErrorHandler();
  if (!wecom || wecom.robots.length === 0) {
    return <Typography.Text type="secondary">未配置群机器人</Typography.Text>;
  }
  const chosen = wecom.steps.find((s) => s.flow === flow && s.state === state)?.robot;
  const change = async (robot?: string) => {
    setSaving(true);
    try {
      await saveStepRobot(flow, state, robot ?? null);
      void message.success(robot ? `「${label}」的提醒将同时发到企业微信群「${robot}」` : `「${label}」不再发到企业微信群`);
      onSaved();
    } catch (error) {
      handleError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Select
      aria-label={`${label}企业微信群`}
      allowClear
      loading={saving}
      placeholder="不发群"
      value={chosen}
      onChange={change}
      options={wecom.robots.map((r) => ({ value: r, label: r }))}
      style={{ width: '100%', minWidth: 120 }}
    />
  );
}
