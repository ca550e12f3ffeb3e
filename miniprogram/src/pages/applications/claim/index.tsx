import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { claimCodeRequestSchema, claimSchema } from '@wc/shared';
import { useState } from 'react';
import { AppButton } from '../../../components/AppButton';
import { LoginPrompt } from '../../../components/LoginPrompt';
import { TextField } from '../../../components/FormField';
import { SmsCodeField } from '../../../components/SmsCodeField';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { useZodForm } from '../../../hooks/useZodForm';
import { claimApplication, requestClaimCode } from '../../../services/auth/claims';
import { ApiError, showError } from '../../../services/request';
import './index.scss';

interface ClaimValues {
  number: string;
  phone: string;
  smsCode: string;
}

const toInput = (v: ClaimValues) => v;

/**
 * 认领报装: an application taken at the counter (窗口受理) joins 我的报装 once its customer proves the
 * phone written on it. Opened from 我的报装, or from the link the window clerk texts, which fills in
 * the number (`?number=BZ…`).
 */
export default function ClaimPage() {
  const session = useRequireLogin();
  const router = useRouter<{ number?: string }>();
  const initial: ClaimValues = { number: router.params.number ? decodeURIComponent(router.params.number) : '', phone: '', smsCode: '' };
  const form = useZodForm(claimSchema, toInput, initial);
  const [busy, setBusy] = useState(false);

  const requestCode = async () => {
    const parsed = claimCodeRequestSchema.safeParse({ number: form.values.number, phone: form.values.phone });
    if (!parsed.success) {
      form.touch('number');
      form.touch('phone');
      showError(parsed.error.issues[0]?.message ?? '请填写报装编号和手机号');
      return null;
    }
    return requestClaimCode(parsed.data);
  };

  const onSubmit = async () => {
    const input = form.submit();
    if (!input || busy) {
      showError('请检查标红的内容');
      return;
    }
    setBusy(true);
    try {
      await claimApplication(input);
      void Taro.showToast({ title: '认领成功', icon: 'success', duration: 1200 });
      // 我的报装 reloads whenever it shows, so the claimed application is there.
      setTimeout(() => void Taro.switchTab({ url: '/pages/applications/index' }), 600);
    } catch (error) {
      if (error instanceof ApiError) {
        form.setServerErrors(error.fields);
        showError(error.message);
      }
    } finally {
      setBusy(false);
    }
  };

  if (!session) {
    return (
      <View className="page">
        <LoginPrompt text="登录后即可把营业厅办理的报装加入「我的报装」" />
      </View>
    );
  }

  return (
    <View className="page claim-page">
      <View className="card">
        <Text className="claim-page__intro muted">
          在营业厅窗口办理的报装，填写报装编号和报装时登记的联系电话，验证后即可在「我的报装」中查看办理进度。
        </Text>
        <TextField {...form.field('number')} label="报装编号" required maxlength={20} placeholder="如 BZ2026120701" />
        <TextField {...form.field('phone')} label="联系电话" required type="number" maxlength={11} placeholder="报装时登记的手机号" />
        <SmsCodeField field={form.field('smsCode')} request={requestCode} />
        <AppButton className="btn btn--primary btn--block claim-page__submit" loading={busy} onClick={onSubmit}>
          认领到我的报装
        </AppButton>
      </View>
    </View>
  );
}
