import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { chinaDateTime } from '../labels';

/** The optional staff WeChat group (Wechaty) as /health reports it; null when none is configured. */
interface StaffGroupHealth {
  state: 'connecting' | 'waiting_for_scan' | 'connected' | 'reconnecting' | 'stopped' | 'not_running';
  label: string;
  room: string;
  lastError: string | null;
  nextRetryAt: string | null;
}

/**
 * Whether the staff WeChat group can take alerts now. While it cannot, alerts wait in the outbox
 * (and are in the worklist): the page says so rather than letting "no errors" look like delivery.
 * The QR login link is only in the server log, never on the public /health.
 */
export function ChannelStatus() {
  const [group, setGroup] = useState<StaffGroupHealth | null>(null);

  useEffect(() => {
    let current = true;
    fetch('/health')
      .then((res) => res.json() as Promise<{ staffGroup?: StaffGroupHealth | null }>)
      .then((body) => current && setGroup(body.staffGroup ?? null))
      .catch(() => current && setGroup(null));
    return () => {
      current = false;
    };
  }, []);

  if (!group) {
    return null;
  }
  const connected = group.state === 'connected';
  const detail = [
    group.lastError ? `原因：${group.lastError}` : '',
    group.nextRetryAt ? `将于 ${chinaDateTime(group.nextRetryAt)} 重试` : '',
    connected ? '' : '未连接期间，工作提醒保留在待办中，连接后按重试计划补发。',
  ]
    .filter(Boolean)
    .join('；');
  return (
    <Alert
      type={connected ? 'success' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      title={`员工微信群「${group.room}」（可选渠道）：${group.label}`}
      description={detail || undefined}
    />
  );
}
