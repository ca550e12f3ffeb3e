import { Form, Select, Skeleton, Typography } from 'antd';
import type { StateKey } from '@wc/shared';
import type { StaffSummary, StepSetting } from '../../../types';

export interface AssigneeStep {
  state: StateKey;
  label: string;
  role: string;
  roleLabel: string;
  defaultId: number | null;
}

/**
 * 确认派工: who does each of the next steps. The configured default assignees are preselected; the
 * technical head may pick anyone else holding the step's role.
 */
export function AssigneeFields({ steps, staff }: { steps: readonly AssigneeStep[] | null; staff: readonly StaffSummary[] }) {
  if (!steps) {
    return <Skeleton active paragraph={{ rows: 4 }} />;
  }
  return (
    <div className="assignee-fields">
      <Typography.Paragraph type="secondary">各步骤的办理人员（默认按系统设置，可另行指定）：</Typography.Paragraph>
      {steps.map((step) => {
        const options = staff
          .filter((u) => u.roles.includes(step.role as StaffSummary['roles'][number]))
          .map((u) => ({ value: u.id, label: u.displayName }));
        return (
          <Form.Item key={step.state} name={['assignees', step.state]} label={`${step.label}（${step.roleLabel}）`}>
            <Select
              allowClear
              placeholder={`不指定：由${step.roleLabel}认领`}
              options={options}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        );
      })}
    </div>
  );
}

/** The steps after the current one that a staff role handles, with their defaults. */
export function assigneeSteps(upcoming: readonly StateKey[], settings: readonly StepSetting[], flow: string): AssigneeStep[] {
  return upcoming.flatMap((state) => {
    const setting = settings.find((s) => s.flow === flow && s.state === state);
    if (!setting?.handlerRole || setting.handlerRole === 'applicant' || setting.handlerRole === 'contract_stage_role') {
      return [];
    }
    return [
      {
        state,
        label: setting.label,
        role: setting.handlerRole,
        roleLabel: setting.handlerLabel ?? setting.handlerRole,
        defaultId: setting.defaultAssignee?.id ?? null,
      },
    ];
  });
}
