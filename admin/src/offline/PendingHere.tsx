import { Card } from 'antd';
import { useEffect } from 'react';
import { useOfflineQueue } from './hooks';
import { onEntrySettled } from './queue';
import { QueueList } from './QueueList';

/**
 * On an application's page: what this phone still holds for it (待上传), and a reload of the page
 * when the server took or refused one of them.
 */
export function PendingHere({ applicationId, onSettled }: { applicationId: number; onSettled: () => void }) {
  const { entries, stopped } = useOfflineQueue();
  const mine = entries.filter((e) => e.applicationId === applicationId);
  useEffect(() => onEntrySettled((entry) => entry.applicationId === applicationId && onSettled()), [applicationId, onSettled]);
  if (mine.length === 0) {
    return null;
  }
  return (
    <Card size="small" title={`待上传（${mine.length}）`} className="detail-section offline-here" data-testid="offline-here">
      <QueueList entries={mine} stopped={stopped} withApplication={false} />
    </Card>
  );
}
