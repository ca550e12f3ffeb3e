import { Drawer, Skeleton } from 'antd';
import { useReportError, useRequest } from '../hooks/useRequest';
import { useErrorHandler } from '../requestErrorConfig';
import { fetchHistory } from '../services/applications';
import type { Application } from '../types';
import { HistoryTimeline } from './HistoryTimeline';
import { usePhone } from '../hooks/usePhone';

/** 报装记录 of one application, opened from a list row. */
export default function HistoryDrawer({ app, onClose }: { app: Application | null; onClose: () => void }) {
  const handleError = useErrorHandler();
  const phone = usePhone();
  const history = useRequest(app ? String(app.id) : null, (signal) => fetchHistory(app?.id ?? 0, signal));
  useReportError(history.error, handleError);
  const entries = history.loading ? null : (history.data?.data ?? null);

  return (
    <Drawer
      open={app !== null}
      onClose={onClose}
      title={app ? `报装记录 · ${app.number}` : '报装记录'}
      size={phone ? '100%' : 560}
      destroyOnHidden
    >
      {entries === null ? (
        <Skeleton active />
      ) : (
        <HistoryTimeline
          entries={entries}
          totals={app ? { utilityMs: app.utilityMs, customerMs: app.customerMs } : undefined}
          applicationId={app?.id}
        />
      )}
    </Drawer>
  );
}
