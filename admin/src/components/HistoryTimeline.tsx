import { PaperClipOutlined } from '@ant-design/icons';
import { Button, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useReportError, useRequest } from '../hooks/useRequest';
import { chinaDateTime, formatElapsed } from '../labels';
import { request } from '../request';
import { useErrorHandler } from '../requestErrorConfig';
import { downloadAttachment } from '../services/attachments';
import type { ApplicationNotificationView, FormChange } from '@wc/shared';
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
  // 登记水表 (staff only: the server keeps it from applicants).
  const meter = entry.payload.meter as { number?: string; caliber?: string; model?: string; initialReading?: number } | undefined;
  if (meter?.number) {
    lines.push({
      label: '水表',
      value: `表号 ${meter.number}，口径 ${meter.caliber ?? ''}，型号 ${meter.model ?? ''}，初始读数 ${meter.initialReading ?? ''}`,
    });
  }
  return lines;
}

/** GET /api/applications/:id/notifications — who was told what, oldest first. */
function fetchNotifications(id: number, signal: AbortSignal) {
  return request<ApplicationNotificationView[]>(`/applications/${id}/notifications`, { signal });
}

/** A notification in the timeline: what was sent to whom, on which channel, delivered or why not. */
function NotificationItem({ n }: { n: ApplicationNotificationView }) {
  return (
    <div className="history-entry" data-notification={n.event} data-delivered={n.delivered ? 'yes' : 'no'}>
      <div className="history-head">
        <Typography.Text strong>
          {n.audience === 'applicant' ? '通知用户' : '通知员工'}：{n.title}
        </Typography.Text>
        <Typography.Text type="secondary" className="history-time">
          {chinaDateTime(n.at)}
        </Typography.Text>
      </div>
      <div className="history-line">{n.text}</div>
      <div className="history-line">
        {n.recipientName ? `${n.recipientName} · ` : ''}
        {n.channelLabel ?? '系统内'}{' '}
        {n.delivered ? (
          <Tag color="green">已送达{n.deliveredAt ? ` ${chinaDateTime(n.deliveredAt)}` : ''}</Tag>
        ) : (
          <Tag color={n.status === 'failed' ? 'red' : n.status === 'recorded' ? 'default' : 'processing'}>{n.statusLabel}</Tag>
        )}
      </div>
      {/* Why it reached nobody; a message still on its way says so in its tag. */}
      {n.reason && (n.status === 'failed' || n.status === 'recorded') && (
        <Typography.Text type={n.status === 'failed' ? 'danger' : 'secondary'} className="history-line">
          {n.reason}
        </Typography.Text>
      )}
    </div>
  );
}

type Item = { at: string; kind: 'entry'; entry: HistoryEntry } | { at: string; kind: 'notice'; notice: ApplicationNotificationView };

/**
 * 报装记录: who, when, what, comment, files, and how long each step took on whose clock; with
 * `applicationId`, each notification sent (reminders included) between the steps, in time order.
 */
export function HistoryTimeline({
  entries,
  totals,
  applicationId,
}: {
  entries: readonly HistoryEntry[];
  totals?: { utilityMs: number; customerMs: number };
  applicationId?: number;
}) {
  const handleError = useErrorHandler();
  const notices = useRequest(applicationId ? `notifications-${applicationId}` : null, (signal) =>
    fetchNotifications(applicationId ?? 0, signal),
  );
  useReportError(notices.error, handleError);
  if (entries.length === 0) {
    return <Empty description="暂无办理记录" />;
  }
  // A notification a step caused is shown with that step (at the step's time, after it); the others
  // (reminders, alerts raised by time) at their own time.
  const stepTime = new Map(entries.map((entry) => [entry.id, entry.at]));
  const items: Item[] = [
    ...entries.map((entry): Item => ({ at: entry.at, kind: 'entry', entry })),
    ...(notices.data?.data ?? []).map((notice): Item => ({
      at: (notice.historyId !== null ? stepTime.get(notice.historyId) : undefined) ?? notice.at,
      kind: 'notice',
      notice,
    })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.kind === b.kind ? 0 : a.kind === 'entry' ? -1 : 1));
  return (
    <div className="history">
      {totals && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag color="blue">本单位累计用时 {formatElapsed(totals.utilityMs)}</Tag>
          <Tag color="gold">等待用户累计用时 {formatElapsed(totals.customerMs)}</Tag>
        </Space>
      )}
      <Timeline
        items={items.map((item) => {
          if (item.kind === 'notice') {
            const n = item.notice;
            return {
              key: `n${n.id}`,
              color: n.delivered ? 'green' : n.status === 'failed' ? 'red' : 'gray',
              content: <NotificationItem n={n} />,
            };
          }
          const entry = item.entry;
          return {
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
                  {entry.fromLabel && entry.fromLabel !== entry.toLabel
                    ? ` · ${entry.fromLabel} → ${entry.toLabel}`
                    : ` · ${entry.toLabel}`}
                </div>
                {entry.fromState && entry.newStep && CLOCK_LABELS[entry.clock] && (
                  <div className="history-line">
                    本步骤历时 <Typography.Text strong>{entry.durationText}</Typography.Text>
                    <Typography.Text type="secondary">（{CLOCK_LABELS[entry.clock]}）</Typography.Text>
                  </div>
                )}
                {entry.reason && <div className="history-reason">原因：{entry.reason.label}</div>}
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
          };
        })}
      />
    </div>
  );
}
