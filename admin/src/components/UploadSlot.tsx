import { CameraOutlined, CheckCircleFilled, DeleteOutlined, PaperClipOutlined, RedoOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Input, Progress, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { typedNameProblem } from '@wc/shared/src/attachmentNames';
import { ATTACHMENT_CATEGORIES, FILE_KIND_LABELS, type AttachmentCategory, type FileKind } from '../labels';
import { errorText } from '../requestErrorConfig';
import { runUpload, uploadJob, type UploadJob, type UploadStage } from '../upload/uploadQueue';
import type { Attachment } from '../types';
import { megabytes } from '../formValues';

const ACCEPT: Record<FileKind, string> = {
  jpeg: 'image/jpeg,.jpg,.jpeg',
  png: 'image/png,.png',
  heic: 'image/heic,.heic',
  webp: 'image/webp,.webp',
  pdf: 'application/pdf,.pdf',
  dwg: '.dwg',
  xlsx: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: '.xls,application/vnd.ms-excel',
};
const PHOTO_KINDS: readonly FileKind[] = ['jpeg', 'png', 'heic', 'webp'];

interface Item {
  key: number;
  file: File;
  name: string;
  /** Kept for 重试: the same shrunk bytes under the same Idempotency-Key. */
  job: UploadJob;
  stage: UploadStage;
  percent: number;
  /** Bytes sent once the photo was shrunk (shown beside the original size). */
  sentSize: number | null;
  error: string | null;
  cancel?: () => void;
}

const STAGE_TEXT: Record<UploadStage, string> = {
  preparing: '正在压缩照片…',
  waiting: '排队等待上传…',
  uploading: '',
};

const shrinkText = (original: number, sent: number) => `已压缩 ${megabytes(original)} → ${megabytes(sent)}`;

interface Props {
  applicationId: number;
  applicationNumber: string;
  category: AttachmentCategory;
  required: boolean;
  /** Files of this category uploaded and not yet taken by an action. */
  pending: readonly Attachment[];
  onUploaded: (attachment: Attachment) => void;
  onBusyChange?: (busy: boolean) => void;
}

let nextKey = 1;

/**
 * One kind of file an action needs (勘察照片, 预算书, 验收单…): a meaningful name (the archive is
 * searched by it), the phone camera for photos, a progress bar per file, and 重试 after a failure
 * — a construction site's mobile network drops uploads. Photos are shrunk on the device first
 * (keeping their EXIF), several files go up at once, and every try of one file carries the same
 * Idempotency-Key, so a retry never stores a second copy (admin/src/upload).
 */
export function UploadSlot({ applicationId, applicationNumber, category, required, pending, onUploaded, onBusyChange }: Props) {
  const def = ATTACHMENT_CATEGORIES[category];
  // A typed name (其他资料) starts empty: a pre-filled number and category would say nothing in the archive.
  const typed = 'typedName' in def && def.typedName === true;
  const [baseName, setBaseName] = useState(typed ? '' : `${applicationNumber} ${def.label}`);
  const [nameError, setNameError] = useState<string | null>(null);
  const [items, setItems] = useState<Item[]>([]);
  // What shrinking saved, kept beside the uploaded file once its progress line is gone: on a fast
  // connection that line shows for a blink, and the person should still see what went up.
  const sentSizes = useRef(new Map<number, number>());
  const [shrunk, setShrunk] = useState<Record<number, string>>({});
  const fileInput = useRef<HTMLInputElement>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  const kinds = def.kinds as readonly FileKind[];
  const photos = kinds.some((k) => PHOTO_KINDS.includes(k));
  const busy = items.some((i) => i.error === null);

  useEffect(() => {
    onBusyChange?.(busy);
  }, [busy, onBusyChange]);

  const patch = (key: number, change: Partial<Item>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const start = (item: Item) => {
    const handle = runUpload(item.job, {
      onStage: (stage) => patch(item.key, { stage }),
      onProgress: (percent) => patch(item.key, { percent }),
      onPrepared: (file) => {
        const sentSize = file === item.file ? null : file.size;
        if (sentSize !== null) {
          sentSizes.current.set(item.key, sentSize);
        }
        patch(item.key, { sentSize });
      },
    });
    patch(item.key, { error: null, percent: 0, cancel: handle.cancel });
    handle.promise
      .then((attachment) => {
        const sentSize = sentSizes.current.get(item.key);
        if (sentSize !== undefined) {
          setShrunk((notes) => ({ ...notes, [(attachment as Attachment).id]: shrinkText(item.file.size, sentSize) }));
        }
        setItems((list) => list.filter((i) => i.key !== item.key));
        onUploaded(attachment as Attachment);
      })
      .catch((error: unknown) => patch(item.key, { error: errorText(error), cancel: undefined }));
  };

  /** A typed name is checked before the file dialog opens: the staff member fixes the name first. */
  const nameOk = (): boolean => {
    const problem = typed ? typedNameProblem(baseName, { number: applicationNumber, category }) : null;
    setNameError(problem);
    return problem === null;
  };
  const open = (input: HTMLInputElement | null) => {
    if (nameOk()) {
      input?.click();
    }
  };

  const choose = (files: FileList | null) => {
    if (!files || files.length === 0) {
      return;
    }
    if (!nameOk()) {
      return;
    }
    const name = baseName.trim() || `${applicationNumber} ${def.label}`;
    const existing = pending.length + items.length;
    const added = Array.from(files).map((file, index): Item => {
      const n = existing + index + 1;
      const itemName = (n > 1 || files.length > 1 ? `${name} (${n})` : name).slice(0, 100);
      const job = uploadJob(`/applications/${applicationId}/attachments`, { category, displayName: itemName }, file);
      return { key: nextKey++, file, name: itemName, job, stage: 'preparing', percent: 0, sentSize: null, error: null };
    });
    setItems((list) => [...list, ...added]);
    added.forEach(start);
  };

  return (
    <div className="upload-slot" data-category={category}>
      <div className="upload-slot-head">
        <Typography.Text strong>
          {required && <span className="upload-required">*</span>}
          {def.label}
        </Typography.Text>
        <Typography.Text type="secondary" className="upload-kinds">
          {kinds.map((k) => FILE_KIND_LABELS[k]).join('、')}
        </Typography.Text>
      </div>
      <Space.Compact block className="upload-slot-controls">
        <Input
          value={baseName}
          maxLength={100}
          status={nameError ? 'error' : undefined}
          onChange={(e) => {
            setBaseName(e.target.value);
            setNameError(null);
          }}
          aria-label={`${def.label}文件名称`}
          aria-invalid={nameError !== null}
          placeholder={typed ? '先填写文件名称，如「产权人来函」，再选择文件' : '请填写有意义的文件名称，便于存档查询'}
        />
        {photos && (
          <Button icon={<CameraOutlined />} onClick={() => open(cameraInput.current)}>
            拍照
          </Button>
        )}
        <Button icon={<UploadOutlined />} onClick={() => open(fileInput.current)}>
          选择文件
        </Button>
      </Space.Compact>
      {nameError && (
        <Typography.Text type="danger" className="upload-name-error" role="alert">
          {nameError}
        </Typography.Text>
      )}
      <input
        ref={fileInput}
        type="file"
        multiple
        style={{ display: 'none' }}
        accept={kinds.map((k) => ACCEPT[k]).join(',')}
        data-testid={`file-${category}`}
        onChange={(e) => {
          choose(e.target.files);
          e.target.value = '';
        }}
      />
      {photos && (
        <input
          ref={cameraInput}
          type="file"
          style={{ display: 'none' }}
          accept="image/*"
          capture="environment"
          data-testid={`camera-${category}`}
          onChange={(e) => {
            choose(e.target.files);
            e.target.value = '';
          }}
        />
      )}
      <ul className="upload-list">
        {pending.map((file) => (
          <li key={file.id} className="upload-done">
            <CheckCircleFilled style={{ color: '#52c41a' }} /> {file.displayName}
            <Tag style={{ marginInlineStart: 6 }}>已上传</Tag>
            {shrunk[file.id] && (
              <Typography.Text type="secondary" className="upload-item-size">
                {shrunk[file.id]}
              </Typography.Text>
            )}
          </li>
        ))}
        {items.map((item) => (
          <li key={item.key} className={item.error ? 'upload-failed' : 'upload-progress'}>
            <div className="upload-item-name">
              <PaperClipOutlined /> {item.name}
              <Typography.Text type="secondary"> （{item.file.name}）</Typography.Text>
              <Typography.Text type="secondary" className="upload-item-size">
                {' '}
                {item.sentSize === null ? megabytes(item.file.size) : shrinkText(item.file.size, item.sentSize)}
              </Typography.Text>
            </div>
            {item.error ? (
              <div className="upload-item-error">
                <Typography.Text type="danger">上传失败：{item.error}</Typography.Text>
                <Space>
                  <Button size="small" icon={<RedoOutlined />} onClick={() => start(item)}>
                    重试
                  </Button>
                  <Button
                    size="small"
                    type="text"
                    icon={<DeleteOutlined />}
                    onClick={() => {
                      item.cancel?.();
                      setItems((l) => l.filter((i) => i.key !== item.key));
                    }}
                  >
                    移除
                  </Button>
                </Space>
              </div>
            ) : (
              <>
                {STAGE_TEXT[item.stage] && (
                  <Typography.Text type="secondary" className="upload-item-stage">
                    {STAGE_TEXT[item.stage]}
                  </Typography.Text>
                )}
                <Progress percent={item.percent} size="small" status="active" aria-label={`${item.name} 上传进度`} />
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
