import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Image, Tag, Typography } from 'antd';
import { ANYTIME_STAFF_CATEGORIES, isMaterialCategory, materialSlots, type ApplicantKind, type MaterialSlot } from '@wc/shared';
import { AuthImage } from '../../../components/AuthImage';
import { UploadSlot } from '../../../components/UploadSlot';
import { useRequest } from '../../../hooks/useRequest';
import { chinaDateTime } from '../../../labels';
import { useErrorHandler } from '../../../requestErrorConfig';
import { fetchMaterialSettings } from '../../../services/materials';
import type { Attachment, HistoryEntry } from '../../../types';
import { downloadAttachment } from '../service';

const PHOTO = new Set(['jpeg', 'png', 'webp']);

/** Where staff who may file papers (permissions.uploadMaterials) upload them: the window, the review. */
export interface MaterialUpload {
  applicationId: number;
  applicationNumber: string;
  onUploaded: (file: Attachment) => void;
}

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
  // 申请材料 have their own section above the steps (MaterialsSection).
  const anytime = (f: Attachment) => ANYTIME_STAFF_CATEGORIES.includes(f.category) || isMaterialCategory(f.category);
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
  for (const file of files.filter((f) => !f.taken && ANYTIME_STAFF_CATEGORIES.includes(f.category))) {
    add('filed', '其他资料', file);
  }
  return order.map((k) => groups.get(k)).filter((g): g is Group => g !== undefined);
}

/** Where a photo was taken (its EXIF GPS), as a surveyor reads it off a map: 北纬 23.12500° 东经 113.32500°. */
function takenWhere(gps: { lat: number; lng: number }): string {
  const lat = `${gps.lat >= 0 ? '北纬' : '南纬'} ${Math.abs(gps.lat).toFixed(5)}°`;
  const lng = `${gps.lng >= 0 ? '东经' : '西经'} ${Math.abs(gps.lng).toFixed(5)}°`;
  return `${lat} ${lng}`;
}

/** Who filed a file and when. */
function filedBy(file: Attachment): string {
  return `${file.uploader?.name ?? ''} · ${chinaDateTime(file.createdAt)}`;
}

/**
 * 申请材料 first: each paper the application's kind asks for (申请材料设置), its files, and 缺少 on a
 * required one without a file — what the review checks before 审核通过.
 */
function MaterialsSection({
  slots,
  files,
  download,
  upload,
}: {
  slots: readonly MaterialSlot[];
  files: readonly Attachment[];
  download: (file: Attachment) => void;
  upload?: MaterialUpload;
}) {
  const papers = files.filter((f) => isMaterialCategory(f.category) && f.current);
  // Papers no longer asked for (the setting changed) are still shown.
  const shown = [
    ...slots,
    ...[...new Set(papers.map((f) => f.category))]
      .filter((c) => !slots.some((s) => s.category === c))
      .map((c) => ({ category: c, label: papers.find((f) => f.category === c)?.categoryLabel ?? c, required: false })),
  ];
  if (shown.length === 0) {
    return null;
  }
  return (
    <section className="attachment-group" data-group="materials">
      <Typography.Text strong>申请材料（{papers.length}）</Typography.Text>
      {shown.map((slot) => {
        const own = papers.filter((f) => f.category === slot.category);
        return (
          <div key={slot.category} className="material-line" data-material={slot.category} style={{ padding: '4px 0' }}>
            <Typography.Text>
              {slot.required && <span className="upload-required">*</span>}
              {slot.label}
            </Typography.Text>
            {own.length === 0 &&
              (slot.required ? (
                <Tag color="error" style={{ marginInlineStart: 8 }}>
                  缺少
                </Tag>
              ) : (
                <Typography.Text type="secondary"> 未上传</Typography.Text>
              ))}
            {own.map((file) => (
              <div key={file.id} className="file-line">
                <span>
                  {file.displayName}
                  <Typography.Text type="secondary"> {filedBy(file)}</Typography.Text>
                </span>
                <Button size="small" type="link" icon={<DownloadOutlined />} onClick={() => download(file)}>
                  下载
                </Button>
              </div>
            ))}
            {upload && isMaterialCategory(slot.category) && own.length === 0 && (
              <UploadSlot
                applicationId={upload.applicationId}
                applicationNumber={upload.applicationNumber}
                category={slot.category}
                required={slot.required}
                pending={[]}
                onUploaded={upload.onUploaded}
              />
            )}
          </div>
        );
      })}
    </section>
  );
}

/** 附件: 申请材料 first, then grouped by step, photos as thumbnails with a full-size preview, other files to download. */
export function AttachmentGroups({
  files,
  history,
  unavailable,
  listedAt,
  kind,
  upload,
}: {
  files: readonly Attachment[];
  history: readonly HistoryEntry[];
  unavailable: string | null;
  listedAt: number;
  /** The application's kind: which papers its form asks for. */
  kind?: ApplicantKind;
  /** Given when the viewer may file missing papers here (scanned at the window or the review). */
  upload?: MaterialUpload;
}) {
  const handleError = useErrorHandler();
  const settings = useRequest(kind ? 'material-settings' : null, (signal) => fetchMaterialSettings(signal));
  if (unavailable) {
    return <Alert type="warning" showIcon title={unavailable} />;
  }
  const slots = kind && settings.data ? materialSlots(settings.data.data, kind) : [];
  const download = (file: Attachment) =>
    void downloadAttachment(file.id, file.displayName, { url: file.downloadUrl, listedAt }).catch((e: unknown) => handleError(e));
  if (files.length === 0 && !slots.some((s) => s.required)) {
    return <Empty description="暂无附件" />;
  }
  return (
    <div>
      <MaterialsSection slots={slots} files={files} download={download} upload={upload} />
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
                      {file.gps && (
                        <Typography.Text type="secondary" className="attachment-taken-where">
                          地点 {takenWhere(file.gps)}
                        </Typography.Text>
                      )}
                      <Typography.Text type="secondary" className="attachment-filed-by">
                        {filedBy(file)}
                      </Typography.Text>
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
                    {(file.size / 1024 / 1024).toFixed(2)} MB · {filedBy(file)}
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
