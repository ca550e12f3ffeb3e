import { Alert, Button, Drawer, Form, Input, Skeleton, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { actionInputSchema, type AvailableAction } from '@wc/shared';
import { UploadSlot } from '../../../components/UploadSlot';
import { useMessage } from '../../../feedback';
import { ATTACHMENT_CATEGORIES } from '../../../labels';
import { isApiError, newIdempotencyKey } from '../../../request';
import { useErrorHandler, validateWith } from '../../../requestErrorConfig';
import type { Application, Attachment } from '../../../types';
import { takeAction } from '../service';
import { ActionFields, initialValues, reviewedFiles, type FieldContext } from './ActionFields';
import { ReasonField } from './ReasonField';
import { cleanFormValues } from '../../../formValues';
import { usePhone } from '../../../hooks/usePhone';
import { offlineCapable } from '@wc/shared/src/workflow/offline';
import { useOfflineMode } from '../../../offline/hooks';
import { OfflineActionForm } from '../../../offline/OfflineActionForm';
import { queueAfterNetworkFailure } from '../../../offline/record';

interface Props {
  action: AvailableAction | null;
  ctx: FieldContext;
  /** Every file of the application (to find those uploaded and not yet taken). */
  attachments: readonly Attachment[];
  onClose: () => void;
  onDone: (app: Application, action: AvailableAction) => void;
  onUploaded: (attachment: Attachment) => void;
  /** The application changed under us (409): reload it. */
  onStale: () => void;
}

/**
 * The form of one available action: its files (uploaded first, each with progress), its fields,
 * the comment, then the action itself. Shared zod schemas check the input before it is sent; the
 * server's field errors land on the same fields.
 */
export function ActionDrawer(props: Props) {
  const phone = usePhone();
  const { action, ctx, onClose } = props;
  // 确认派工 preselects the configured assignees: its form starts once they are known.
  const ready = action?.form !== 'assignees' || (ctx.assigneeSteps !== null && ctx.staffLoaded);
  // Without a connection, an action whose form can be replayed is kept on the phone (admin/src/offline).
  const offline = useOfflineMode(action !== null && offlineCapable(action));
  return (
    <Drawer
      open={action !== null}
      onClose={onClose}
      title={action ? `${action.label} · ${ctx.app.number}` : ''}
      placement={phone ? 'bottom' : 'right'}
      size={phone ? '92%' : 640}
      destroyOnHidden
    >
      {/* Keyed by action: each opening starts a fresh form, with a fresh idempotency key. */}
      {action && !ready && <Skeleton active paragraph={{ rows: 6 }} />}
      {action && ready && offline && <OfflineActionForm key={`offline-${action.key}`} {...props} action={action} />}
      {action && ready && !offline && <ActionForm key={`${action.key}-${ctx.app.version}`} {...props} action={action} />}
    </Drawer>
  );
}

function ActionForm({ action, ctx, attachments, onClose, onDone, onUploaded, onStale }: Props & { action: AvailableAction }) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const [submitting, setSubmitting] = useState(false);
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const message = useMessage();
  const handleError = useErrorHandler();
  const { app } = ctx;
  const key = action.key;
  const [initial] = useState(() => initialValues(action.form, ctx));

  const pending = useCallback(
    (category: string) => attachments.filter((a) => a.category === category && !a.taken && a.current),
    [attachments],
  );
  const setSlotBusy = useCallback(
    (category: string, value: boolean) => setBusy((b) => (b[category] === value ? b : { ...b, [category]: value })),
    [],
  );
  const uploading = Object.values(busy).some(Boolean);

  const submit = async () => {
    setProblem(null);
    const values = cleanFormValues(form.getFieldsValue(true)) as Record<string, unknown>;
    const body: Record<string, unknown> = { ...values, version: app.version };
    if (action.form === 'assignees') {
      // Only the steps where the technical head chose someone other than the configured default.
      const chosen = (values.assignees ?? {}) as Record<string, number>;
      const changed = Object.fromEntries(
        Object.entries(chosen).filter(([state, id]) => ctx.assigneeSteps?.find((s) => s.state === state)?.defaultId !== id),
      );
      body.assignees = changed;
    }
    if (action.decision) {
      // The decision names the version of its first file that the form showed.
      body[action.decision.claim] = reviewedFiles(action.decision, ctx.current)[0]?.id;
    }
    const missing = action.uploads.find((u) => u.required && pending(u.category).length === 0);
    const parsed = validateWith(form, actionInputSchema(key), body);
    if (action.commentRequired && !String(values.comment ?? '').trim()) {
      form.setFields([{ name: 'comment', errors: [`请填写「${action.label}」的原因或意见`] }]);
      return;
    }
    if (!parsed) {
      return;
    }
    if (missing) {
      setProblem(`请先上传${ATTACHMENT_CATEGORIES[missing.category].label}`);
      return;
    }
    setSubmitting(true);
    try {
      const { data } = await takeAction(app.id, key, parsed, idempotencyKey);
      void message.success(`${action.label}：已办理`);
      onDone(data, action);
    } catch (error) {
      if (isApiError(error) && (error.code === 'STATE_CONFLICT' || error.code === 'ACTION_NOT_ALLOWED')) {
        setProblem(error.message);
        onStale();
      } else if (isApiError(error) && error.code === 'GUARD_FAILED') {
        setProblem(error.message);
      } else if (await queueAfterNetworkFailure(error, { app, action, input: parsed, idempotencyKey })) {
        void message.info('网络中断：已保存到本机，联网后自动上传');
        onClose();
      } else {
        handleError(error, form);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} className="action-form" data-action={action.key}>
        {action.blockedBy && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`办理条件：${action.blockedBy}`} />}
        {problem && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problem} role="alert" />}
        <ActionFields action={action} ctx={ctx} />
        {action.uploads.length > 0 && (
          <div className="action-uploads">
            <Typography.Title level={5}>上传附件</Typography.Title>
            {action.uploads.map((u) => (
              <UploadSlot
                key={u.category}
                applicationId={app.id}
                applicationNumber={app.number}
                category={u.category}
                required={u.required}
                pending={pending(u.category)}
                onUploaded={onUploaded}
                onBusyChange={(b) => setSlotBusy(u.category, b)}
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
          <Input.TextArea rows={3} maxLength={2000} placeholder={action.commentRequired ? '请填写原因，将记入报装记录' : ''} />
        </Form.Item>
      </Form>
      <div className="action-footer">
        <Button onClick={onClose}>取消</Button>
        <Button
          type="primary"
          danger={action.tone === 'danger'}
          loading={submitting}
          disabled={uploading}
          onClick={submit}
          data-testid="action-submit"
        >
          {uploading ? '文件上传中…' : action.label}
        </Button>
      </div>
    </>
  );
}
