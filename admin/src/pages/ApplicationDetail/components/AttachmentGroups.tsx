import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Image, Tag, Typography } from 'antd';
import { ANYTIME_STAFF_CATEGORIES } from '@wc/shared';
import { AuthImage } from '../../../components/AuthImage';
import { chinaDateTime } from '../../../labels';
import { useErrorHandler } from '../../../requestErrorConfig';
import type { Attachment, HistoryEntry } from '../../../types';
import { downloadAttachment } from '../service';

const PHOTO = new Set(['jpeg', 'png', 'webp']);

interface Group {
  key: string;
  title: string;
  files: Attachment[];
}

/**
 * Files grouped by the step whose action took them (from 报装记录); those waiting for an action come
 * first, and 其他资料 (filed at any time, never taken by an action) last.
 */
export function groupAttachments(files: readonly Attachment[], history: readonly HistoryEntry[]): Group[] {
  const stepOf = new Map<number, { key: string; title: string }>();
  for (const entry of history) {
    for (const file of entry.attachments) {
      const state = entry.fromState ?? entry.toState;
      stepOf.set(file.id, { key: state, title: entry.fromLabel ?? entry.toLabel });
    }
  }
  const groups = new Map<string, Group>();
  const order: string[] = [];
  const add = (key: string, title: string, file: Attachment) => {
    if (!groups.has(key)) {
      groups.set(key, { key, title, files: [] });
      order.push(key);
    }
    groups.get(key)?.files.push(file);
  };
  const anytime = (f: Attachment) => ANYTIME_STAFF_CATEGORIES.includes(f.category);
  for (const file of files.filter((f) => !f.taken && !anytime(f))) {
    add('pending', '已上传，待提交', file);
  }
  // Steps in the order they happened.
  for (const entry of history) {
    for (const ref of entry.attachments) {
      const file = files.find((f) => f.id === ref.id);
      const step = stepOf.get(ref.id);
      if (file && step && !groups.get(step.key)?.files.includes(file)) {
        add(step.key, step.title, file);
      }
    }
  }
  for (const file of files.filter((f) => f.taken && !stepOf.has(f.id))) {
    add('other', '其他', file);
  }
  for (const file of files.filter((f) => !f.taken && anytime(f))) {
    add('filed', '其他资料', file);
  }
  return order.map((k) => groups.get(k)).filter((g): g is Group => g !== undefined);
}

/** 附件: grouped by step, photos as thumbnails with a full-size preview, other files to download. */
export function AttachmentGroups({
  files,
  history,
  unavailable,
  listedAt,
}: {
  files: readonly Attachment[];
  history: readonly HistoryEntry[];
  unavailable: string | null;
  listedAt: number;
}) {
  const handleError = useErrorHandler();
  if (unavailable) {
    return <Alert type="warning" showIcon title={unavailable} />;
  }
  if (files.length === 0) {
    return <Empty description="暂无附件" />;
  }
  const download = (file: Attachment) =>
    downloadAttachment(file.id, file.displayName, { url: file.downloadUrl, listedAt }).catch((e: unknown) => handleError(e));
  return (
    <div>
      {groupAttachments(files, history).map((group) => {
        const photos = group.files.filter((f) => PHOTO.has(f.fileKind));
        const others = group.files.filter((f) => !PHOTO.has(f.fileKind));
        return (
          <section key={group.key} className="attachment-group" data-group={group.key}>
            <Typography.Text strong>
              {group.title}（{group.files.length}）
            </Typography.Text>
            {photos.length > 0 && (
              <Image.PreviewGroup>
                <div className="attachment-photos">
                  {photos.map((file) => (
                    <div key={file.id} className="attachment-photo" title={`${file.categoryLabel}：${file.displayName}`}>
                      <AuthImage id={file.id} src={file.previewUrl} alt={file.displayName} size={104} />
                      <span>{file.displayName}</span>
                      {file.takenAt && <Typography.Text type="secondary">拍摄 {chinaDateTime(file.takenAt)}</Typography.Text>}
                    </div>
                  ))}
                </div>
              </Image.PreviewGroup>
            )}
            {others.map((file) => (
              <div key={file.id} className="file-line">
                <span>
                  <Tag>{file.categoryLabel}</Tag>
                  {file.displayName}
                  {!file.current && <Tag color="default">旧版本</Tag>}
                  <Typography.Text type="secondary">
                    {' '}
                    {(file.size / 1024 / 1024).toFixed(2)} MB · {file.uploader?.name ?? ''} · {chinaDateTime(file.createdAt)}
                  </Typography.Text>
                </span>
                <Button size="small" type="link" icon={<DownloadOutlined />} onClick={() => download(file)}>
                  下载
                </Button>
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}
