import { Checkbox, Form, Input, Modal, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { ROLE_LABELS, STAFF_ROLES, createStaffUserSchema, updateStaffUserSchema } from '@wc/shared';
import { useMessage } from '../../../feedback';
import { useErrorHandler, validateWith } from '../../../requestErrorConfig';
import type { StaffUser } from '../../../types';
import { createUser, updateUser } from './service';

interface Values {
  username?: string;
  displayName?: string;
  phone?: string;
  password?: string;
  roles?: string[];
  enabled?: boolean;
  wecomUserId?: string;
}

/** 新增用户 / 编辑用户: name, phone, roles (several allowed), password, enabled. */
export function UserForm({
  user,
  open,
  onClose,
  onSaved,
}: {
  user: StaffUser | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const message = useMessage();
  const handleError = useErrorHandler();
  const editing = user !== null;

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(
        user
          ? {
              displayName: user.displayName,
              phone: user.phone ?? '',
              roles: user.roles,
              enabled: user.enabled,
              wecomUserId: user.wecomUserId ?? '',
            }
          : { roles: [], enabled: true },
      );
    }
  }, [open, user, form]);

  const submit = async () => {
    const values = form.getFieldsValue(true) as Values;
    setSaving(true);
    try {
      if (user) {
        const body = validateWith(form, updateStaffUserSchema, {
          displayName: values.displayName,
          phone: values.phone ?? '',
          roles: values.roles,
          enabled: values.enabled,
          wecomUserId: values.wecomUserId ?? '',
          ...(values.password ? { password: values.password } : {}),
        });
        if (!body) {
          return;
        }
        await updateUser(user.id, body);
      } else {
        const body = validateWith(form, createStaffUserSchema, {
          username: values.username ?? '',
          displayName: values.displayName ?? '',
          phone: values.phone ?? '',
          password: values.password ?? '',
          roles: values.roles ?? [],
          wecomUserId: values.wecomUserId ?? '',
        });
        if (!body) {
          return;
        }
        await createUser(body);
      }
      void message.success(editing ? '已保存' : '已创建用户');
      onSaved();
    } catch (error) {
      handleError(error, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={editing ? `编辑用户 · ${user.username}` : '新增用户'}
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical">
        {!editing && (
          <Form.Item name="username" label="用户名" required extra="4–32位字母、数字或 _ . @ -，登录用">
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label="姓名" required>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label="手机号">
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item
          name="wecomUserId"
          label="企业微信账号"
          extra="企业微信管理后台 → 通讯录 → 成员详情中的「账号」；填写后，新的待办、即将超时和超时提醒会以应用消息发给本人"
        >
          <Input maxLength={64} autoComplete="off" placeholder="例如 ZhangWei" />
        </Form.Item>
        <Form.Item
          name="password"
          label={editing ? '重置密码（不修改请留空）' : '初始密码'}
          required={!editing}
          extra="至少8位，需同时包含字母和数字"
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="roles" label="角色（可多选）" required>
          <Checkbox.Group options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} className="role-checks" />
        </Form.Item>
        {editing && (
          <Form.Item name="enabled" label="在职（启用）" valuePropName="checked">
            <Switch checkedChildren="启用" unCheckedChildren="停用" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
