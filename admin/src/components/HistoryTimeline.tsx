import { PaperClipOutlined } from '@ant-design/icons';
import { Button, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { chinaDateTime, formatElapsed } from '../labels';
import { useErrorHandler } from '../requestErrorConfig';
import { downloadAttachment } from '../services/attachments';
import type { FormChange } from '@wc/shared';
import type { HistoryEntry } from '../types';

const CLOCK_LABELS: Record<string, string> = { utility: '本单位用时', customer: '用户用时', none: '' };

/** Figures an entry carries, in the words of the form that entered them. */
const PAYLOAD_LABELS: Record<string, string> = {
  summary: '说明',
  budgetTotal: '预算总额（元）',
  amount: '金额（元）',
  paidOn: '缴费日期',
  receiptNo: '收据编号',
  finalAmount: '决算金额（元）',
  acceptedOn: '验收日期',
  handedOverOn: '移交日期',
  receiver: '接收单位/接收人',
  toName: '转交给',
};

/** 修改申请 names each changed field old → new (masked by the server where the viewer may not see it). */
function changeLines(entry: HistoryEntry): { label: string; value: string }[] {
  const changes = entry.payload.changes;
  if (!Array.isArray(changes)) {
    return [];
  }
  return (changes as FormChange[]).map((c) => ({ label: c.label, value: `${c.from ?? '（未填）'} → ${c.to ?? '（未填）'}` }));
}

function payloadLines(entry: HistoryEntry): { label: string; value: string }[] {
  const changed = changeLines(entry);
  if (changed.length > 0) {
    // Its `summary` is the same changes in one line, for clients that show only that.
    return changed;
  }
  const lines: { label: string; value: string }[] = [];
  for (const [key, label] of Object.entries(PAYLOAD_LABELS)) {
    const value = entry.payload[key];
    if (value !== undefined && value !== null && value !== '') {
      lines.push({ label, value: String(value) });
    }
  }
  const stage = entry.payload.contractStage;
  if (typeof stage === 'number') {
    lines.push({ label: '审批环节', value: `第${stage}环节` });
  }
  const contract = entry.payload.contract as { number?: string; amount?: number } | undefined;
  if (contract?.number) {
    lines.push({
      label: '合同',
      value: `${contract.number}${contract.amount !== undefined && contract.amount !== null ? `，金额 ${contract.amount} 元` : ''}`,
    });
  }
  return lines;
}

/** 报装记录: who, when, what, comment, files, and how long each step took on whose clock. */
export function HistoryTimeline({
  entries,
  totals,
}: {
  entries: readonly HistoryEntry[];
  totals?: { utilityMs: number; customerMs: number };
}) {
  const handleError = useErrorHandler();
  if (entries.length === 0) {
    return <Empty description="暂无办理记录" />;
  }
  return (
    <div className="history">
      {totals && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag color="blue">本单位累计用时 {formatElapsed(totals.utilityMs)}</Tag>
          <Tag color="gold">等待用户累计用时 {formatElapsed(totals.customerMs)}</Tag>
        </Space>
      )}
      <Timeline
        items={entries.map((entry) => ({
          key: entry.id,
          color: /reject|return|terminate|withdraw/.test(entry.action) ? 'red' : entry.newStep ? 'blue' : 'gray',
          content: (
            <div className="history-entry" data-action={entry.action}>
              <div className="history-head">
                <Typography.Text strong>{entry.actionLabel}</Typography.Text>
                <Typography.Text type="secondary" className="history-time">
                  {chinaDateTime(entry.at)}
                </Typography.Text>
              </div>
              <div className="history-line">
                {entry.actor.name ?? '—'}
                {entry.actor.roleLabel ? `（${entry.actor.roleLabel}）` : ''}
                {entry.fromLabel && entry.fromLabel !== entry.toLabel ? ` · ${entry.fromLabel} → ${entry.toLabel}` : ` · ${entry.toLabel}`}
              </div>
              {entry.fromState && entry.newStep && CLOCK_LABELS[entry.clock] && (
                <div className="history-line">
                  本步骤历时 <Typography.Text strong>{entry.durationText}</Typography.Text>
                  <Typography.Text type="secondary">（{CLOCK_LABELS[entry.clock]}）</Typography.Text>
                </div>
              )}
              {entry.comment && <div className="history-comment">意见：{entry.comment}</div>}
              {payloadLines(entry).map((line) => (
                <div key={line.label} className="history-line">
                  {line.label}：{line.value}
                </div>
              ))}
              {entry.attachments.length > 0 && (
                <div className="history-files">
                  {entry.attachments.map((file) => (
                    <Button
                      key={file.id}
                      type="link"
                      size="small"
                      icon={<PaperClipOutlined />}
                      onClick={() => downloadAttachment(file.id, file.displayName).catch((e: unknown) => handleError(e))}
                    >
                      {file.categoryLabel}：{file.displayName}
                    </Button>
                  ))}
                </div>
              )}
            </div>
          ),
        }))}
      />
    </div>
  );
}
