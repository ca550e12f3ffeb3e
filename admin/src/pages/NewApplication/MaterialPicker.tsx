import { CameraOutlined, CheckCircleFilled, DeleteOutlined, PaperClipOutlined, RedoOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import { useRef } from 'react';
import type { MaterialCategory, MaterialSlot } from '@wc/shared';

/** One scanned paper waiting to go up with the application, or on its way, or refused. */
export interface PickedFile {
  key: number;
  category: MaterialCategory;
  file: File;
  status: 'waiting' | 'uploading' | 'done' | 'failed';
  error: string | null;
}

let nextKey = 1;

export function pickedFiles(category: MaterialCategory, files: FileList | null): PickedFile[] {
  return Array.from(files ?? []).map((file) => ({ key: nextKey++, category, file, status: 'waiting', error: null }));
}

/** The required papers with no file picked (and none already on the application). */
export function missingPicked(
  slots: readonly MaterialSlot[],
  picked: readonly PickedFile[],
  present: readonly string[] = [],
): MaterialSlot[] {
  return slots.filter((s) => s.required && !present.includes(s.category) && !picked.some((p) => p.category === s.category));
}

const ACCEPT = 'image/jpeg,image/png,image/heic,image/webp,application/pdf,.jpg,.jpeg,.png,.heic,.webp,.pdf';

function Slot({
  slot,
  picked,
  present,
  missing,
  onPick,
  onRemove,
  onRetry,
}: {
  slot: MaterialSlot;
  picked: PickedFile[];
  present: boolean;
  missing: boolean;
  onPick: (files: FileList | null) => void;
  onRemove: (key: number) => void;
  onRetry: (item: PickedFile) => void;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  return (
    <div className="upload-slot" data-material={slot.category} style={{ marginBottom: 12 }}>
      <div className="upload-slot-head">
        <Typography.Text strong>
          {slot.required && <span className="upload-required">*</span>}
          {slot.label}
        </Typography.Text>
        {present && <Tag color="success">已上传</Tag>}
        {missing && <Tag color="error">缺少</Tag>}
        <Typography.Text type="secondary" className="upload-kinds">
          照片或 PDF
        </Typography.Text>
      </div>
      <Space wrap>
        <Button icon={<CameraOutlined />} onClick={() => cameraInput.current?.click()}>
          拍照
        </Button>
        <Button icon={<UploadOutlined />} onClick={() => fileInput.current?.click()}>
          选择扫描件
        </Button>
      </Space>
      <input
        ref={fileInput}
        type="file"
        multiple
        style={{ display: 'none' }}
        accept={ACCEPT}
        data-testid={`material-${slot.category}`}
        onChange={(e) => {
          onPick(e.target.files);
          e.target.value = '';
        }}
      />
      <input
        ref={cameraInput}
        type="file"
        style={{ display: 'none' }}
        accept="image/*"
        capture="environment"
        onChange={(e) => {
          onPick(e.target.files);
          e.target.value = '';
        }}
      />
      <ul className="upload-list">
        {picked.map((item) => (
          <li key={item.key} className={item.status === 'failed' ? 'upload-failed' : 'upload-progress'}>
            {item.status === 'done' ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <PaperClipOutlined />} {item.file.name}
            {item.status === 'uploading' && <Typography.Text type="secondary"> 上传中…</Typography.Text>}
            {item.status === 'done' && <Tag style={{ marginInlineStart: 6 }}>已上传</Tag>}
            {item.status === 'failed' && (
              <>
                <Typography.Text type="danger"> 上传失败：{item.error}</Typography.Text>
                <Button size="small" icon={<RedoOutlined />} onClick={() => onRetry(item)}>
                  重试
                </Button>
              </>
            )}
            {(item.status === 'waiting' || item.status === 'failed') && (
              <Button size="small" type="text" icon={<DeleteOutlined />} aria-label="移除" onClick={() => onRemove(item.key)} />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * 申请材料 at the window: the clerk scans or photographs the papers the applicant brought; they go up
 * right after the application is saved (it needs a number first), each with the applicant's name.
 */
export function MaterialPicker({
  slots,
  picked,
  present = [],
  showMissing,
  onChange,
  onRetry,
}: {
  slots: readonly MaterialSlot[];
  picked: readonly PickedFile[];
  /** Categories the application already has a file of (修改申请). */
  present?: readonly string[];
  /** Mark required papers still missing (after a refused save). */
  showMissing: boolean;
  onChange: (next: PickedFile[]) => void;
  onRetry?: (item: PickedFile) => void;
}) {
  const missing = new Set(missingPicked(slots, picked, present).map((s) => s.category));
  return (
    <div className="material-picker">
      {slots.map((slot) => (
        <Slot
          key={slot.category}
          slot={slot}
          picked={picked.filter((p) => p.category === slot.category)}
          present={present.includes(slot.category)}
          missing={showMissing && missing.has(slot.category)}
          onPick={(files) => onChange([...picked, ...pickedFiles(slot.category, files)])}
          onRemove={(key) => onChange(picked.filter((p) => p.key !== key))}
          onRetry={(item) => onRetry?.(item)}
        />
      ))}
    </div>
  );
}
