import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { mobilePhoneSchema, resetPasswordSchema } from '@wc/shared';
import { useState } from 'react';
import { AppButton } from '../../../components/AppButton';
import { TextField } from '../../../components/FormField';
import { SmsCodeField } from '../../../components/SmsCodeField';
import { useZodForm } from '../../../hooks/useZodForm';
import { requestResetCode, resetPassword } from '../../../services/auth';
import { ApiError, showError } from '../../../services/request';
import { replacePage } from '../../../utils/navigation';
import '../account.scss';

interface ForgotValues {
  phone: string;
  smsCode: string;
  newPassword: string;
  confirm: string;
  username: string;
}

const INITIAL: ForgotValues = { phone: '', smsCode: '', newPassword: '', confirm: '', username: '' };

const toInput = (v: ForgotValues) => ({
  phone: v.phone,
  smsCode: v.smsCode,
  newPassword: v.newPassword,
  username: v.username.trim() === '' ? undefined : v.username,
});

/**
 * 忘记密码: a code to the phone the account was registered with, then a new password. When several
 * accounts share the phone the server asks which one, and the 用户名 field appears.
 */
export default function ForgotPasswordPage() {
  const router = useRouter<{ redirect?: string }>();
  const redirect = router.params.redirect ? decodeURIComponent(router.params.redirect) : '/pages/applications/index';
  const form = useZodForm(resetPasswordSchema, toInput, INITIAL);
  const [busy, setBusy] = useState(false);
  const [askUsername, setAskUsername] = useState(false);
  const mismatch = form.values.confirm !== '' && form.values.confirm !== form.values.newPassword ? '两次输入的密码不一致' : undefined;

  const requestCode = async () => {
    const phone = mobilePhoneSchema.safeParse(form.values.phone);
    if (!phone.success) {
      form.touch('phone');
      showError(phone.error.issues[0]?.message ?? '请填写手机号');
      return null;
    }
    return requestResetCode(phone.data);
  };

  const onSubmit = async () => {
    const input = form.submit();
    if (!input || mismatch || form.values.confirm === '' || busy) {
      if (form.values.confirm === '') {
        form.setServerErrors({ confirm: '请再次输入新密码' });
      }
      showError('请检查标红的内容');
      return;
    }
    setBusy(true);
    try {
      const { user } = await resetPassword(input);
      void Taro.showModal({
        title: '密码已重置',
        content: `账号 ${user.username} 的新密码已生效，其他设备上的登录已退出。`,
        showCancel: false,
        confirmText: '知道了',
      }).then(() => replacePage(redirect));
    } catch (error) {
      if (error instanceof ApiError) {
        if (error.fields.username) {
          setAskUsername(true);
        }
        form.setServerErrors(error.fields);
        showError(error.message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page account-page">
      <View className="card">
        <Text className="account-page__section">验证注册时填写的手机号后设置新密码</Text>
        <TextField {...form.field('phone')} label="手机号" required type="number" maxlength={11} placeholder="注册时填写的手机号" />
        <SmsCodeField field={form.field('smsCode')} request={requestCode} />
        {askUsername && <TextField {...form.field('username')} label="用户名" required placeholder="要找回密码的用户名" />}
        <TextField {...form.field('newPassword')} label="新密码" required password placeholder="至少8位，含字母和数字" />
        <TextField
          {...form.field('confirm')}
          label="确认密码"
          required
          password
          placeholder="再次输入新密码"
          error={mismatch ?? form.errors.confirm}
        />
        <AppButton className="btn btn--primary btn--block account-page__submit" loading={busy} onClick={onSubmit}>
          重置密码
        </AppButton>
        <Text className="small muted account-page__hint">没有登记手机号的账号，请到营业厅窗口或联系客服重置密码。</Text>
      </View>
    </View>
  );
}
