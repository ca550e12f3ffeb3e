import { Text, View } from '@tarojs/components';
import { setCredentialsSchema } from '@wc/shared';
import { useState } from 'react';
import { AppButton } from '../../../../components/AppButton';
import { TextField } from '../../../../components/FormField';
import { useZodForm } from '../../../../hooks/useZodForm';
import { setCredentials } from '../../../../services/auth';
import { ApiError, showError } from '../../../../services/request';

const INITIAL = { username: '', password: '', confirm: '' };
const toInput = (v: typeof INITIAL) => ({ username: v.username, password: v.password });

/**
 * 设置用户名和密码 for an account made by a WeChat login: it has no password, so there is no 原密码
 * to ask for. The user name is chosen here, once.
 */
export function SetCredentialsForm({ onDone }: { onDone: () => void }) {
  const form = useZodForm(setCredentialsSchema, toInput, INITIAL);
  const [busy, setBusy] = useState(false);
  const mismatch = form.values.confirm !== '' && form.values.confirm !== form.values.password ? '两次输入的密码不一致' : undefined;

  const onSubmit = async () => {
    const input = form.submit();
    if (!input || mismatch || form.values.confirm === '' || busy) {
      showError(input && form.values.confirm === '' ? '请再次输入密码' : '请检查标红的内容');
      return;
    }
    setBusy(true);
    try {
      await setCredentials(input);
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
      <Text className="account-page__section">
        您的账号由微信登录创建，尚未设置密码。设置用户名和密码后，也可以在公众号页面和小程序中用账号密码登录。用户名设置后不能修改。
      </Text>
      <TextField {...form.field('username')} label="用户名" required placeholder="4-32位字母、数字或 _ . @ -" />
      <TextField {...form.field('password')} label="密码" required password placeholder="至少8位，含字母和数字" />
      <TextField {...form.field('confirm')} label="确认密码" required password error={mismatch} />
      <AppButton className="btn btn--primary btn--block account-page__submit" loading={busy} onClick={onSubmit}>
        确认设置
      </AppButton>
    </View>
  );
}
