import { Form, Input, Modal } from 'antd';
import { useMessage } from '../feedback';
import { useState } from 'react';
import { changePasswordSchema } from '@wc/shared';
import { request } from '../request';
import { useErrorHandler, validateWith } from '../requestErrorConfig';
import { useSession } from '../session';
import type { LoginReply } from '../types';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** POST /api/auth/password — change my password; the reply is a new login (older tokens stop working). */
function changePassword(body: { oldPassword: string; newPassword: string }) {
  return request<LoginReply>('/auth/password', { method: 'POST', body });
}

/** 修改密码: the demo password must be changed before real use. */
export default function PasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const message = useMessage();
  const { replace } = useSession();
  const handleError = useErrorHandler();

  const submit = async () => {
    const values = form.getFieldsValue();
    if (values.newPassword !== values.confirm) {
      form.setFields([{ name: 'confirm', errors: ['两次输入的新密码不一致'] }]);
      return;
    }
    const body = validateWith(form, changePasswordSchema, { oldPassword: values.oldPassword ?? '', newPassword: values.newPassword ?? '' });
    if (!body) {
      return;
    }
    setSaving(true);
    try {
      const { data } = await changePassword(body);
      replace(data);
      void message.success('密码已修改');
      onClose();
    } catch (error) {
      handleError(error, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title="修改密码" open={open} onCancel={onClose} onOk={submit} okText="保存" confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="oldPassword" label="原密码" required>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label="新密码" required extra="至少8位，需同时包含字母和数字">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirm" label="确认新密码" required>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
