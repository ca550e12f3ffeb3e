import { DeleteOutlined, DownloadOutlined, RedoOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Image, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router';
import { blockedIds, useOnline } from './hooks';
import { removeEntry, retryEntry } from './queue';
import type { Stop } from './replay';
import type { QueueEntry, QueuedFile } from './types';

const STOP_TEXT: Record<Stop, string> = {
  network: '当前无网络，联网后自动上传',
  unauthorized: '登录已失效，请重新登录后自动上传',
  unavailable: '服务器暂时无法处理，稍后自动重试',
};

/** Object URLs of the kept photos, released when the list goes away. */
function useFileUrls(files: readonly QueuedFile[]): string[] {
  const urls = useMemo(() => files.map((f) => URL.createObjectURL(f.blob)), [files]);
  useEffect(() => () => urls.forEach((url) => URL.revokeObjectURL(url)), [urls]);
  return urls;
}

function KeptFiles({ files }: { files: readonly QueuedFile[] }) {
  const urls = useFileUrls(files);
  if (files.length === 0) {
    return null;
  }
  return (
    <Image.PreviewGroup>
      <Space wrap className="offline-photos" style={{ marginTop: 8 }}>
        {files.map((file, i) => (
          <div key={file.idempotencyKey} className="offline-photo">
            {file.blob.type.startsWith('image/') ? (
              <Image src={urls[i]} width={72} height={72} style={{ objectFit: 'cover' }} alt={file.displayName} />
            ) : (
              <Typography.Text>{file.fileName}</Typography.Text>
            )}
            <a href={urls[i]} download={file.fileName} aria-label={`下载 ${file.displayName}`}>
              <DownloadOutlined /> 下载
            </a>
          </div>
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

function StatusTag({ entry, blocked }: { entry: QueueEntry; blocked: boolean }) {
  if (entry.status === 'refused') {
    return <Tag color="error">未被受理</Tag>;
  }
  if (entry.status === 'sending') {
    return <Tag color="processing">正在上传</Tag>;
  }
  return blocked ? <Tag color="warning">等待前一条处理</Tag> : <Tag>等待上传</Tag>;
}

interface Props {
  entries: readonly QueueEntry[];
  stopped: Stop | null;
  /** Shown in the header drawer, not on the application's own page. */
  withApplication: boolean;
  onNavigate?: () => void;
}

/**
 * The entries of the 待上传 queue: what, for which application, its state, and for a refused entry
 * the exact refusal and the photos it kept (viewable and downloadable until the person deletes them).
 */
export function QueueList({ entries, stopped, withApplication, onNavigate }: Props) {
  const blocked = blockedIds(entries);
  const online = useOnline();
  if (entries.length === 0) {
    return <Empty description="没有待上传的内容" />;
  }
  // The phone's own word first: the last run may have stopped for another reason before it went offline.
  const why = online ? stopped : 'network';
  return (
    <>
      {why && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={STOP_TEXT[why]} />}
      <List
        className="offline-queue"
        dataSource={[...entries]}
        renderItem={(entry) => (
          <List.Item className="offline-entry" data-status={entry.status} key={entry.id}>
            <div style={{ width: '100%' }}>
              <Space wrap style={{ marginBottom: 4 }}>
                <Typography.Text strong>{entry.actionLabel}</Typography.Text>
                <StatusTag entry={entry} blocked={entry.id !== undefined && blocked.has(entry.id)} />
              </Space>
              {withApplication && (
                <div>
                  <Link to={`/applications/${entry.applicationId}`} onClick={onNavigate}>
                    {entry.applicationNumber}
                  </Link>{' '}
                  {entry.applicationName}
                </div>
              )}
              <div>
                <Typography.Text type="secondary">
                  {new Date(entry.createdAt).toLocaleString('zh-CN')} 记录 · {entry.seenStateLabel}
                  {entry.files.length > 0 && ` · ${entry.files.length} 个文件`}
                </Typography.Text>
              </div>
              {entry.refusal && (
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  style={{ margin: '8px 0' }}
                  title={entry.refusal.message}
                  className="offline-refusal"
                />
              )}
              <div>
                <KeptFiles files={entry.files} />
              </div>
              <Space style={{ marginTop: 8 }}>
                <Button size="small" icon={<RedoOutlined />} onClick={() => void retryEntry(entry)} disabled={entry.status === 'sending'}>
                  重试
                </Button>
                <Popconfirm
                  title="删除这条待上传内容？"
                  description="删除后本机保存的照片也将一并删除，无法恢复。"
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => (entry.id === undefined ? undefined : removeEntry(entry.id))}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} disabled={entry.status === 'sending'}>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            </div>
          </List.Item>
        )}
      />
    </>
  );
}
