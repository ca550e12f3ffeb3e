import { Descriptions, Tag, Typography } from 'antd';
import { ROLE_LABELS, chinaDateTime } from '../../../labels';
import type { ApplicationDetail, HistoryEntry } from '../../../types';
import { money } from './BudgetReview';
import { OWNER_STATUS } from './ContractFields';
import { usePhone } from '../../../hooks/usePhone';

type StageResult = { result: 'approved' | 'rejected'; by: string | null; at: string };

/** Each stage's decision in the latest round (a resubmitted contract starts the stages again). */
export function stageResults(history: readonly HistoryEntry[]): Map<number, StageResult> {
  let results = new Map<number, StageResult>();
  for (const entry of history) {
    if (entry.milestone === 'contractSubmitted') {
      results = new Map();
    }
    const position = entry.payload.contractStage;
    if ((entry.milestone === 'stageApproved' || entry.milestone === 'stageRejected') && typeof position === 'number') {
      results.set(position, { result: entry.milestone === 'stageApproved' ? 'approved' : 'rejected', by: entry.actor.name, at: entry.at });
    }
  }
  return results;
}

/** 合同信息 with the owner's approval status and the seven approval stages. */
export function ContractCard({ app, history }: { app: ApplicationDetail; history: readonly HistoryEntry[] }) {
  const phone = usePhone();
  const contract = app.contract;
  if (!contract) {
    return null;
  }
  const results = stageResults(history);
  const current = app.step.contractStage?.position ?? null;
  const owner = OWNER_STATUS[contract.ownerStatus];
  return (
    <div>
      <Descriptions
        bordered
        size="small"
        column={phone ? 1 : 2}
        items={[
          { key: 'number', label: '合同编号', children: contract.number },
          { key: 'name', label: '合同名称', children: contract.name ?? '—' },
          { key: 'place', label: '履行地点', children: contract.place ?? '—' },
          { key: 'partyA', label: '合同甲方', children: contract.partyA ?? '—' },
          { key: 'partyB', label: '合同乙方', children: contract.partyB ?? '—' },
          { key: 'amount', label: '合同金额', children: contract.amount !== null ? `${money(contract.amount)} 元` : '—' },
          {
            key: 'settlement',
            label: '结算金额',
            children: contract.settlementAmount !== null ? `${money(contract.settlementAmount)} 元` : '—',
          },
          { key: 'owner', label: '业主方审批', children: <Tag color={owner.color}>{owner.label}</Tag> },
          { key: 'submitted', label: '提交审批', children: contract.submittedAt ? chinaDateTime(contract.submittedAt) : '未提交' },
        ]}
      />
      {contract.stages.length > 0 && (
        <>
          <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>
            审批环节
          </Typography.Text>
          <ol className="contract-stages">
            {contract.stages.map((stage, index) => {
              const position = index + 1;
              const result = results.get(position);
              const isCurrent = app.state === 'contract_review' && current === position;
              const color =
                result?.result === 'approved' ? 'success' : result?.result === 'rejected' ? 'error' : isCurrent ? 'processing' : 'default';
              const status = result ? (result.result === 'approved' ? '通过' : '驳回') : isCurrent ? '审批中' : '待审批';
              return (
                <li key={position}>
                  <Tag color={color} title={result ? `${result.by ?? ''} ${chinaDateTime(result.at)}` : ROLE_LABELS[stage.role]}>
                    {position}. {stage.name}（{ROLE_LABELS[stage.role]}）· {status}
                  </Tag>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </div>
  );
}
