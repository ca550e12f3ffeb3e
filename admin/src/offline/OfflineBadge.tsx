import { CloudUploadOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer } from 'antd';
import { Suspense, lazy, useEffect, useState } from 'react';
import { usePhone } from '../hooks/usePhone';
import { useOfflineQueue } from './hooks';
import { startOfflineQueue } from './queue';
import './offline.css';

/**
 * The queue's list (antd List, Image, Popconfirm…) is a chunk of its own: the first screen shows
 * at most the badge. It is fetched once the page has settled, while the network is still there —
 * the drawer is mostly opened offline, and the service worker keeps the chunk from then on.
 */
const loadQueueList = () => import('./QueueList');
const QueueList = lazy(() => loadQueueList().then((m) => ({ default: m.QueueList })));
const PREFETCH_AFTER_MS = 2000;

/**
 * 待上传 N in the staff header (only while the phone keeps something to send): opens the queue.
 * Mounting it starts the sending of the queue for the page.
 */
export function OfflineBadge() {
  const { entries, stopped, running } = useOfflineQueue();
  const [open, setOpen] = useState(false);
  const phone = usePhone();
  useEffect(() => startOfflineQueue(), []);
  useEffect(() => {
    const timer = window.setTimeout(() => void loadQueueList().catch(() => undefined), PREFETCH_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, []);
  if (entries.length === 0 && !open) {
    return null;
  }
  return (
    <>
      <Button type="text" className="offline-badge" data-testid="offline-badge" onClick={() => setOpen(true)} loading={running}>
        {!running && <CloudUploadOutlined />}
        待上传 <Badge count={entries.length} size="small" color={entries.some((e) => e.status === 'refused') ? '#cf1322' : '#fa8c16'} />
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title="待上传"
        placement={phone ? 'bottom' : 'right'}
        size={phone ? '85%' : 480}
        className="offline-drawer"
      >
        <Suspense fallback={null}>
          <QueueList entries={entries} stopped={stopped} withApplication onNavigate={() => setOpen(false)} />
        </Suspense>
      </Drawer>
    </>
  );
}
