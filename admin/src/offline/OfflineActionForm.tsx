import { CameraOutlined, CloudOutlined, DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { actionInputSchema, type AvailableAction } from '@wc/shared';
import { preparePhoto } from '@wc/shared/src/photos/resizePhoto';
import { useMessage } from '../feedback';
import { ATTACHMENT_CATEGORIES, type AttachmentCategory } from '../labels';
import { newIdempotencyKey } from '../request';
import { errorText, validateWith } from '../requestErrorConfig';
import type { Attachment } from '../types';
import { photoSettings } from '../upload/photoSettings';
import { ActionFields, initialValues, type FieldContext } from '../pages/ApplicationDetail/components/ActionFields';
import { ReasonField } from '../pages/ApplicationDetail/components/ReasonField';
import { cleanFormValues, megabytes } from '../formValues';
import { recordOffline } from './record';
import type { QueuedFile } from './types';

interface Props {
  action: AvailableAction;
  ctx: FieldContext;
  attachments: readonly Attachment[];
  onClose: () => void;
}

/**
 * The form of an action taken without a connection: the same fields and checks as online, the
 * photos kept on the phone instead of uploaded, and 「保存到本机」 puts it into the 待上传 queue,
 * sent when the connection returns.
 */
export function OfflineActionForm({ action, ctx, attachments, onClose }: Props) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const [picked, setPicked] = useState<Partial<Record<AttachmentCategory, File[]>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [initial] = useState(() => initialValues(action.form, ctx));
  const message = useMessage();
  const { app } = ctx;

  const onServer = (category: string) => attachments.filter((a) => a.category === category && !a.taken && a.current);

  const save = async () => {
    setProblem(null);
    const values = cleanFormValues(form.getFieldsValue(true)) as Record<string, unknown>;
    const parsed = validateWith(form, actionInputSchema(action.key), { ...values, version: app.version });
    if (action.commentRequired && !String(values.comment ?? '').trim()) {
      form.setFields([{ name: 'comment', errors: [`请填写「${action.label}」的原因或意见`] }]);
      return;
    }
    if (!parsed) {
      return;
    }
    const missing = action.uploads.find((u) => u.required && onServer(u.category).length === 0 && !picked[u.category]?.length);
    if (missing) {
      setProblem(`请先选择${ATTACHMENT_CATEGORIES[missing.category].label}`);
      return;
    }
    setSaving(true);
    try {
      // Shrunk now: the phone keeps (and later sends) the small photo, as the online form would.
      const settings = await photoSettings();
      const files: QueuedFile[] = [];
      for (const { category } of action.uploads) {
        const chosen = picked[category] ?? [];
        const label = ATTACHMENT_CATEGORIES[category].label;
        const existing = onServer(category).length;
        for (const [index, original] of chosen.entries()) {
          const n = existing + index + 1;
          const base = `${app.number} ${label}`;
          const prepared = await preparePhoto(original, settings);
          files.push({
            blob: prepared,
            fileName: prepared.name,
            displayName: (n > 1 || chosen.length > 1 ? `${base} (${n})` : base).slice(0, 100),
            category,
            categoryLabel: label,
            idempotencyKey: newIdempotencyKey(),
            attachmentId: null,
          });
        }
      }
      await recordOffline({ app, action, input: parsed, idempotencyKey, files });
      void message.success('已保存到本机，联网后自动上传');
      onClose();
    } catch (error) {
      setProblem(`无法保存到本机：${errorText(error)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} className="action-form" data-action={action.key}>
        <Alert
          type="info"
          showIcon
          icon={<CloudOutlined />}
          style={{ marginBottom: 12 }}
          title="当前无网络：办理内容和照片先保存在本机，联网后按顺序自动上传"
        />
        {problem && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problem} role="alert" />}
        <ActionFields action={action} ctx={ctx} />
        {action.uploads.length > 0 && (
          <div className="action-uploads">
            <Typography.Title level={5}>照片和附件</Typography.Title>
            {action.uploads.map((u) => (
              <OfflineFiles
                key={u.category}
                category={u.category}
                required={u.required}
                onServer={onServer(u.category)}
                files={picked[u.category] ?? []}
                onChange={(files) => setPicked((p) => ({ ...p, [u.category]: files }))}
              />
            ))}
          </div>
        )}
        <ReasonField action={action} />
        <Form.Item
          name="comment"
          label={action.commentRequired ? (action.tone === 'danger' ? '原因' : '意见') : '办理意见（可选）'}
          required={action.commentRequired}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      <div className="action-footer">
        <Button onClick={onClose}>取消</Button>
        <Button type="primary" loading={saving} onClick={save} data-testid="offline-save">
          保存到本机
        </Button>
      </div>
    </>
  );
}

interface FilesProps {
  category: AttachmentCategory;
  required: boolean;
  onServer: readonly Attachment[];
  files: File[];
  onChange: (files: File[]) => void;
}

/** The files of one category chosen on the phone (camera or gallery), kept until the form is saved. */
function OfflineFiles({ category, required, onServer, files, onChange }: FilesProps) {
  const def = ATTACHMENT_CATEGORIES[category];
  const fileInput = useRef<HTMLInputElement>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  const add = (list: FileList | null) => {
    if (list && list.length > 0) {
      onChange([...files, ...Array.from(list)]);
    }
  };
  return (
    <div className="upload-slot" data-category={category}>
      <div className="upload-slot-head">
        <Typography.Text strong>
          {required && <span className="upload-required">*</span>}
          {def.label}
        </Typography.Text>
      </div>
      <Space>
        <Button icon={<CameraOutlined />} onClick={() => cameraInput.current?.click()}>
          拍照
        </Button>
        <Button icon={<UploadOutlined />} onClick={() => fileInput.current?.click()}>
          选择文件
        </Button>
      </Space>
      <input
        ref={fileInput}
        type="file"
        multiple
        style={{ display: 'none' }}
        data-testid={`offline-file-${category}`}
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
      />
      <input
        ref={cameraInput}
        type="file"
        accept="image/*"
        capture="environment"
        style={{ display: 'none' }}
        data-testid={`offline-camera-${category}`}
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
      />
      <ul className="upload-list">
        {onServer.map((file) => (
          <li key={file.id} className="upload-done">
            <PaperClipOutlined /> {file.displayName}（已上传）
          </li>
        ))}
        {files.map((file, index) => (
          <li key={`${file.name}-${index}`} className="offline-file">
            <PaperClipOutlined /> {file.name}
            <Typography.Text type="secondary"> {megabytes(file.size)} · 保存在本机</Typography.Text>
            <Button
              size="small"
              type="text"
              icon={<DeleteOutlined />}
              aria-label={`移除 ${file.name}`}
              onClick={() => onChange(files.filter((_, i) => i !== index))}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
