import { Descriptions, Form, Input, InputNumber, Tag } from 'antd';
import { useEffect } from 'react';
import { useUtility } from '../../../services/utility';
import type { Contract } from '../../../types';
import { money } from './BudgetReview';

export const OWNER_STATUS: Record<Contract['ownerStatus'], { label: string; color: string }> = {
  pending: { label: '待定', color: 'default' },
  approved: { label: '已通过', color: 'success' },
  rejected: { label: '未通过', color: 'error' },
};

/** 编辑合同信息: 合同编号 / 名称 / 履行地点 / 甲方 / 乙方 / 金额; 结算金额 is filled at settlement. */
export function ContractFields({ contract, number }: { contract: Contract | null; number: string }) {
  const form = Form.useFormInstance();
  const utility = useUtility();
  // 乙方 is the utility itself: a new contract starts with 单位信息's default (never over what is typed or saved).
  useEffect(() => {
    if (utility && !form.getFieldValue(['contract', 'partyB'])) {
      form.setFieldValue(['contract', 'partyB'], utility.contractPartyB ?? utility.name);
    }
  }, [form, utility]);
  return (
    <div className="contract-fields">
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="报装编号">{number}</Descriptions.Item>
        <Descriptions.Item label="业主方审批">
          <Tag color={OWNER_STATUS[contract?.ownerStatus ?? 'pending'].color}>{OWNER_STATUS[contract?.ownerStatus ?? 'pending'].label}</Tag>
        </Descriptions.Item>
      </Descriptions>
      <Form.Item name={['contract', 'number']} label="合同编号" required extra="系统按 YJ-GS-年份-序号 生成，可修改">
        <Input />
      </Form.Item>
      <Form.Item name={['contract', 'name']} label="合同名称" required>
        <Input />
      </Form.Item>
      <Form.Item name={['contract', 'place']} label="履行地点" required>
        <Input />
      </Form.Item>
      <Form.Item name={['contract', 'partyA']} label="合同甲方" required>
        <Input />
      </Form.Item>
      <Form.Item name={['contract', 'partyB']} label="合同乙方" required>
        <Input />
      </Form.Item>
      <Form.Item name={['contract', 'amount']} label="合同金额（元）" required>
        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label="结算金额（元）" extra="竣工决算时填写">
        <Input
          value={contract?.settlementAmount !== null && contract?.settlementAmount !== undefined ? money(contract.settlementAmount) : ''}
          disabled
        />
      </Form.Item>
    </div>
  );
}
