import { Form, Select } from 'antd';
import type { AvailableAction } from '@wc/shared';

/**
 * 原因类别 of a return or rejection: the categories the server offers for this action (the
 * administrator's list, 系统管理 → 原因类别). Shown for actions the server presents as asking one.
 */
export function ReasonField({ action }: { action: AvailableAction }) {
  if (!action.asksReason) {
    return null;
  }
  return (
    <Form.Item name="reasonCategoryId" label="原因类别" required>
      <Select
        className="reason-select"
        placeholder="请选择原因类别"
        options={action.reasonCategories.map((c) => ({ value: c.id, label: c.label }))}
        notFoundContent="没有可选的原因类别，请联系系统管理员"
      />
    </Form.Item>
  );
}
