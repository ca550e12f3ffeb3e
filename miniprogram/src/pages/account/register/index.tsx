import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { NAME_LABELS, mobilePhoneSchema, registerWithCodeSchema, type ApplicantKind } from '@wc/shared';
import { useState } from 'react';
import { AppButton } from '../../../components/AppButton';
import { Field, TextField } from '../../../components/FormField';
import { KindToggle } from '../../../components/KindToggle';
import { SmsCodeField } from '../../../components/SmsCodeField';
import { useZodForm } from '../../../hooks/useZodForm';
import { register, requestRegisterCode } from '../../../services/auth';
import { ApiError, showError } from '../../../services/request';
import { replacePage } from '../../../utils/navigation';
import { PrivacyConsent } from '../components/PrivacyConsent';
import '../account.scss';

interface RegisterValues {
  kind: ApplicantKind | '';
  username: string;
  password: string;
  confirm: string;
  displayName: string;
  phone: string;
  smsCode: string;
}

const INITIAL: RegisterValues = { kind: 'enterprise', username: '', password: '', confirm: '', displayName: '', phone: '', smsCode: '' };

// The form is only shown after consent, so agreedPrivacy is true whenever it is submitted.
const toInput = (v: RegisterValues) => ({
  username: v.username,
  password: v.password,
  kind: v.kind || undefined,
  displayName: v.displayName,
  phone: v.phone,
  smsCode: v.smsCode,
  agreedPrivacy: true,
});

/** 注册: privacy consent first, then an applicant account as 企业单位 or 居民, its phone proved by an SMS code. */
export default function RegisterPage() {
  const router = useRouter<{ redirect?: string }>();
  const redirect = router.params.redirect ? decodeURIComponent(router.params.redirect) : '/pages/apply/index';
  const [consented, setConsented] = useState(false);
  const form = useZodForm(registerWithCodeSchema, toInput, INITIAL);
  const [busy, setBusy] = useState(false);
  const kind = form.values.kind || 'enterprise';
  const mismatch = form.values.confirm !== '' && form.values.confirm !== form.values.password ? '两次输入的密码不一致' : undefined;

  const decline = () => {
    void Taro.showModal({
      title: '提示',
      content: '不同意隐私政策将无法注册和在线申请报装。您也可以携带资料到营业厅窗口办理。',
      showCancel: false,
      confirmText: '知道了',
    });
  };

  const requestCode = async () => {
    const phone = mobilePhoneSchema.safeParse(form.values.phone);
    if (!phone.success) {
      form.touch('phone');
      showError(phone.error.issues[0]?.message ?? '请填写手机号');
      return null;
    }
    return requestRegisterCode(phone.data);
  };

  const onSubmit = async () => {
    const input = form.submit();
    if (!input || mismatch || form.values.confirm === '' || busy) {
      if (form.values.confirm === '') {
        form.setServerErrors({ confirm: '请再次输入密码' });
      }
      showError('请检查标红的内容');
      return;
    }
    setBusy(true);
    try {
      await register(input);
      void Taro.showToast({ title: '注册成功', icon: 'success', duration: 1200 });
      void replacePage(redirect);
    } catch (error) {
      if (error instanceof ApiError) {
        form.setServerErrors(error.fields);
        showError(error.message);
      }
    } finally {
      setBusy(false);
    }
  };

  if (!consented) {
    return (
      <View className="page account-page">
        <PrivacyConsent onAgree={() => setConsented(true)} onDecline={decline} />
      </View>
    );
  }

  return (
    <View className="page account-page">
      <View className="card">
        <Field label="用户类型" required error={form.errors.kind}>
          <KindToggle value={kind} onChange={(k) => form.set('kind', k)} />
        </Field>
        <TextField
          {...form.field('displayName')}
          label={NAME_LABELS[kind]}
          required
          placeholder={kind === 'enterprise' ? '营业执照上的单位名称' : '您的姓名'}
        />
        <TextField {...form.field('phone')} label="手机号" required type="number" maxlength={11} placeholder="用于接收验证码和办理通知" />
        <SmsCodeField field={form.field('smsCode')} request={requestCode} />
        <TextField {...form.field('username')} label="用户名" required placeholder="4-32位字母、数字" />
        <TextField {...form.field('password')} label="密码" required password placeholder="至少8位，含字母和数字" />
        <TextField
          {...form.field('confirm')}
          label="确认密码"
          required
          password
          placeholder="再次输入密码"
          error={mismatch ?? form.errors.confirm}
        />
        <AppButton className="btn btn--primary btn--block account-page__submit" loading={busy} onClick={onSubmit}>
          注册
        </AppButton>
        <Text className="small muted account-page__hint">注册即表示您已同意《隐私政策》。</Text>
      </View>
      <View className="account-page__footer">
        <Text className="muted">已有账号？</Text>
        <Text
          className="link"
          onClick={() => void Taro.redirectTo({ url: `/pages/account/login/index?redirect=${encodeURIComponent(redirect)}` })}
        >
          去登录
        </Text>
      </View>
    </View>
  );
}
