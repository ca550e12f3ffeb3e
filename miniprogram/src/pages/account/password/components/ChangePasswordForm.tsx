import { View } from '@tarojs/components';
import { changePasswordSchema } from '@wc/shared';
import { useState } from 'react';
import { AppButton } from '../../../../components/AppButton';
import { TextField } from '../../../../components/FormField';
import { useZodForm } from '../../../../hooks/useZodForm';
import { changePassword } from '../../../../services/auth';
import { ApiError, showError } from '../../../../services/request';

const INITIAL = { oldPassword: '', newPassword: '', confirm: '' };
const toInput = (v: typeof INITIAL) => ({ oldPassword: v.oldPassword, newPassword: v.newPassword });

/** 修改密码 for an account that has one: the old password, the new one twice. */
export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const form = useZodForm(changePasswordSchema, toInput, INITIAL);
  const [busy, setBusy] = useState(false);
  const mismatch = form.values.confirm !== '' && form.values.confirm !== form.values.newPassword ? '两次输入的新密码不一致' : undefined;

  const onSubmit = async () => {
    const input = form.submit();
    if (!input || mismatch || form.values.confirm === '' || busy) {
      showError(form.values.confirm === '' ? '请再次输入新密码' : '请检查标红的内容');
      return;
    }
    setBusy(true);
    try {
      await changePassword(input);
      onDone();
    } catch (error) {
      if (error instanceof ApiError) {
        form.setServerErrors(error.fields);
        showError(error.message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card">
      <TextField {...form.field('oldPassword')} label="原密码" required password />
      <TextField {...form.field('newPassword')} label="新密码" required password placeholder="至少8位，含字母和数字" />
      <TextField {...form.field('confirm')} label="确认新密码" required password error={mismatch} />
      <AppButton className="btn btn--primary btn--block account-page__submit" loading={busy} onClick={onSubmit}>
        确认修改
      </AppButton>
    </View>
  );
}
