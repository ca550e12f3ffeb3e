import { Button, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useReportError, useRequest } from '../../../hooks/useRequest';
import { useMessage } from '../../../feedback';
import { THRESHOLD_UNIT_LABELS, type ThresholdUnit } from '../../../labels';
import { useErrorHandler } from '../../../requestErrorConfig';
import type { StepSetting } from '../../../types';
import { fetchStepSettings, listStaff, saveStepSetting } from './service';
import { ReminderInput } from './ReminderInput';
import { StepRobotSelect } from './StepRobotSelect';
import { fetchWecom } from './wecomService';

interface Draft {
  thresholdValue: number | null;
  thresholdUnit: ThresholdUnit;
  defaultAssigneeId: number | null;
  /** The customer's reminders (steps waiting on the customer only). */
  reminders?: StepSetting['reminders'];
}

const keyOf = (s: StepSetting) => `${s.flow}.${s.state}`;
const draftOf = (s: StepSetting): Draft => ({
  thresholdValue: s.thresholdValue,
  thresholdUnit: s.thresholdUnit,
  defaultAssigneeId: s.defaultAssignee?.id ?? null,
  ...(s.reminders ? { reminders: s.reminders } : {}),
});
const same = (a: Draft, b: Draft) =>
  a.thresholdValue === b.thresholdValue &&
  a.thresholdUnit === b.thresholdUnit &&
  a.defaultAssigneeId === b.defaultAssigneeId &&
  JSON.stringify(a.reminders ?? null) === JSON.stringify(b.reminders ?? null);

/** 流程步骤设置: per step, the threshold after which 历时 turns red, and the default assignee. */
export default function StepsPage() {
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const handleError = useErrorHandler();
  const message = useMessage();
  const request = useRequest('steps', async (signal) => {
    const [s, u] = await Promise.all([fetchStepSettings(signal), listStaff(signal)]);
    return { settings: s.data, staff: u.data };
  });
  useReportError(request.error, handleError);
  // 企业微信群 per step: its own request, saved on choice, so the threshold rows' drafts are untouched.
  const wecom = useRequest('steps-wecom', (signal) => fetchWecom(signal));
  const settings = request.data?.settings ?? [];
  const staff = request.data?.staff ?? [];
  const loading = request.loading;

  const edit = (row: StepSetting, patch: Partial<Draft>) =>
    setDrafts((d) => ({ ...d, [keyOf(row)]: { ...(d[keyOf(row)] ?? draftOf(row)), ...patch } }));

  const save = async (row: StepSetting) => {
    const draft = drafts[keyOf(row)] ?? draftOf(row);
    setSaving(keyOf(row));
    try {
      const { reminders, ...rest } = draft;
      const { data } = await saveStepSetting(row.flow, row.state, reminders ? { ...rest, reminders: [...reminders] } : rest);
      request.mutate((prev) => (prev ? { ...prev, settings: prev.settings.map((s) => (keyOf(s) === keyOf(row) ? data : s)) } : prev));
      setDrafts((d) => {
        const { [keyOf(row)]: _saved, ...rest } = d;
        return rest;
      });
      void message.success(`「${row.label}」已保存，办理中的报装已按新阈值重新计算`);
    } catch (error) {
      handleError(error);
    } finally {
      setSaving(null);
    }
  };

  const table = (flow: 'enterprise' | 'resident') => (
    <Table<StepSetting>
      rowKey={keyOf}
      size="middle"
      loading={loading}
      pagination={false}
      scroll={{ x: 860 }}
      dataSource={settings.filter((s) => s.flow === flow)}
      columns={[
        { title: '步骤', dataIndex: 'label', width: 130, render: (v: string, r) => <span data-step={r.state}>{v}</span> },
        {
          title: '计时',
          dataIndex: 'clock',
          width: 100,
          render: (clock: string) => (clock === 'utility' ? <Tag color="blue">本单位</Tag> : <Tag color="gold">等待用户</Tag>),
        },
        { title: '办理角色', dataIndex: 'handlerLabel', width: 130 },
        {
          title: '超时阈值',
          key: 'threshold',
          width: 230,
          render: (_: unknown, row) => {
            // A customer step a staff member chases (缴费…) has one: red for them, time still the customer's.
            if (row.clock !== 'utility' && !row.chase) {
              return <Typography.Text type="secondary">等待用户，不计超时</Typography.Text>;
            }
            const draft = drafts[keyOf(row)] ?? draftOf(row);
            return (
              <Space.Compact>
                <InputNumber
                  aria-label={`${row.label}阈值`}
                  min={0}
                  step={draft.thresholdUnit === 'hours' ? 1 : 0.5}
                  placeholder="不设"
                  value={draft.thresholdValue}
                  onChange={(v) => edit(row, { thresholdValue: v === null || v === 0 ? null : Number(v) })}
                  style={{ width: 110 }}
                />
                <Select<ThresholdUnit>
                  aria-label={`${row.label}阈值单位`}
                  value={draft.thresholdUnit}
                  onChange={(v) => edit(row, { thresholdUnit: v })}
                  options={(['hours', 'workdays'] as const).map((u) => ({ value: u, label: THRESHOLD_UNIT_LABELS[u] }))}
                  style={{ width: 96 }}
                />
              </Space.Compact>
            );
          },
        },
        {
          title: '提醒用户',
          key: 'reminders',
          width: 200,
          render: (_: unknown, row) => {
            if (row.reminders === null) {
              return <Typography.Text type="secondary">—</Typography.Text>;
            }
            const draft = drafts[keyOf(row)] ?? draftOf(row);
            return <ReminderInput label={row.label} value={draft.reminders ?? []} onChange={(next) => edit(row, { reminders: next })} />;
          },
        },
        {
          title: '默认办理人',
          key: 'assignee',
          render: (_: unknown, row) => {
            if (!row.handlerRole || row.handlerRole === 'applicant' || row.handlerRole === 'contract_stage_role') {
              return (
                <Typography.Text type="secondary">
                  {row.handlerRole === 'contract_stage_role' ? '按审批环节的角色' : '报装用户'}
                </Typography.Text>
              );
            }
            const draft = drafts[keyOf(row)] ?? draftOf(row);
            return (
              <Select
                aria-label={`${row.label}默认办理人`}
                allowClear
                placeholder={`不指定（${row.handlerLabel ?? ''}认领）`}
                value={draft.defaultAssigneeId ?? undefined}
                onChange={(v?: number) => edit(row, { defaultAssigneeId: v ?? null })}
                options={staff
                  .filter((u) => (u.roles as readonly string[]).includes(row.handlerRole ?? ''))
                  .map((u) => ({ value: u.id, label: u.displayName }))}
                style={{ width: '100%', minWidth: 160 }}
              />
            );
          },
        },
        {
          title: '企业微信群',
          key: 'wecomRobot',
          width: 150,
          render: (_: unknown, row) =>
            row.handlerRole === 'applicant' ? (
              <Typography.Text type="secondary">用户办理，不提醒员工</Typography.Text>
            ) : (
              <StepRobotSelect
                flow={row.flow}
                state={row.state}
                label={row.label}
                wecom={wecom.data?.data ?? null}
                onSaved={wecom.reload}
              />
            ),
        },
        {
          title: '操作',
          key: 'save',
          width: 90,
          render: (_: unknown, row) => (
            <Button
              type="primary"
              size="small"
              disabled={same(drafts[keyOf(row)] ?? draftOf(row), draftOf(row))}
              loading={saving === keyOf(row)}
              onClick={() => save(row)}
              data-testid={`save-${row.flow}-${row.state}`}
            >
              保存
            </Button>
          ),
        },
      ]}
    />
  );

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>流程步骤设置</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">
        超过阈值的步骤，其「历时」在列表、详情和手机上显示为红色并计入超时统计。缴费、待上传签字合同虽计入用户用时，超过阈值也对收费员、合同管理员标红。等待用户的步骤按「提醒用户」的工作日向用户发送提醒（如3、7：第3个工作日提醒，第7个工作日再次提醒）。工作日不含周末和法定节假日（含调休）。
      </Typography.Paragraph>
      <Tabs
        items={[
          { key: 'enterprise', label: '企业单位报装', children: table('enterprise') },
          { key: 'resident', label: '居民报装', children: table('resident') },
        ]}
      />
    </div>
  );
}
