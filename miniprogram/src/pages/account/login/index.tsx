import { Checkbox, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { loginSchema } from '@wc/shared';
import { useEffect, useState } from 'react';
import { AppButton } from '../../../components/AppButton';
import { TextField } from '../../../components/FormField';
import { useZodForm } from '../../../hooks/useZodForm';
import { login } from '../../../services/auth';
import { ApiError, showError } from '../../../services/request';
import { useUtilityBrand } from '../../../services/utility';
import { mpLogin, oauthUrl, wechatStatus } from '../../../services/wechat';
import { replacePage } from '../../../utils/navigation';
import { isH5, isWeapp } from '../../../utils/platform';
import '../account.scss';

const toInput = (v: { username: string; password: string }) => v;
const INITIAL = { username: '', password: '' };

/** The H5 pages opened in WeChat's own browser (official account menu) can log in with WeChat. */
const inWeChatBrowser = isH5 && /MicroMessenger/i.test(navigator.userAgent);

/**
 * 登录: WeChat login inside the mini program (or WeChat's web login in its browser) when the server
 * has WeChat configured; user name and password everywhere (the manual requires it).
 */
export default function LoginPage() {
  const router = useRouter<{ redirect?: string }>();
  const redirect = router.params.redirect ? decodeURIComponent(router.params.redirect) : '/pages/applications/index';
  const form = useZodForm(loginSchema, toInput, INITIAL);
  const [busy, setBusy] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const [wechat, setWechat] = useState<'mini' | 'web' | null>(null);
  // H5 (official account): the utility's own name and logo; the mini program keeps its registered title.
  const brand = useUtilityBrand();

  useEffect(() => {
    void wechatStatus().then((status) => {
      if (isWeapp && status.miniProgramLogin) {
        setWechat('mini');
      } else if (inWeChatBrowser && status.officialAccountLogin) {
        setWechat('web');
      }
    });
  }, []);

  const done = () => {
    void Taro.showToast({ title: '登录成功', icon: 'success', duration: 1200 });
    void replacePage(redirect);
  };

  const onPasswordLogin = async () => {
    const input = form.submit();
    if (!input || busy) {
      return;
    }
    setBusy(true);
    try {
      await login(input);
      done();
    } catch (error) {
      if (error instanceof ApiError) {
        form.setServerErrors(error.fields);
        showError(error.message);
      }
    } finally {
      setBusy(false);
    }
  };

  const onWechatLogin = async () => {
    if (!agreed) {
      showError('请先阅读并同意《隐私政策》');
      return;
    }
    setBusy(true);
    try {
      if (wechat === 'web') {
        // WeChat brings the browser back to the page with a one-time ticket (see app.ts).
        window.location.href = await oauthUrl(`/h5${redirect}`);
        return;
      }
      const { code } = await Taro.login();
      await mpLogin(code, agreed);
      done();
    } catch (error) {
      showError(error instanceof ApiError ? error.message : '微信登录失败，请使用账号密码登录');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page account-page">
      <View className="account-page__brand">
        {brand?.logoUrl ? (
          <Image className="account-page__logo account-page__logo--image" src={brand.logoUrl} mode="aspectFit" />
        ) : (
          <View className="account-page__logo">
            <Text>水</Text>
          </View>
        )}
        <Text className="account-page__title">{brand ? `${brand.title} · 用户报装` : '用户报装'}</Text>
        <Text className="account-page__subtitle">新装用水，在手机上申请和查询</Text>
      </View>

      {wechat && (
        <View className="card">
          <AppButton className="btn btn--primary btn--block" loading={busy} onClick={onWechatLogin}>
            微信一键登录
          </AppButton>
          <View className="account-page__agree" onClick={() => setAgreed(!agreed)}>
            <Checkbox value="agree" checked={agreed} color="#07c160" />
            <Text className="small muted">
              我已阅读并同意
              <Text
                className="link"
                onClick={(e) => {
                  e.stopPropagation();
                  void Taro.navigateTo({ url: '/pages/account/privacy/index' });
                }}
              >
                《隐私政策》
              </Text>
            </Text>
          </View>
        </View>
      )}

      <View className="card">
        {wechat && <Text className="account-page__section">账号密码登录</Text>}
        <TextField {...form.field('username')} label="用户名" placeholder="请输入用户名" />
        <TextField {...form.field('password')} label="密码" placeholder="请输入密码" password />
        <AppButton className="btn btn--primary btn--block account-page__submit" loading={busy} onClick={onPasswordLogin}>
          登录
        </AppButton>
      </View>

      <View className="account-page__footer">
        <Text className="muted">还没有账号？</Text>
        <Text
          className="link"
          onClick={() => void Taro.redirectTo({ url: `/pages/account/register/index?redirect=${encodeURIComponent(redirect)}` })}
        >
          注册新账号
        </Text>
        <Text className="muted">·</Text>
        <Text
          className="link"
          onClick={() => void Taro.navigateTo({ url: `/pages/account/forgot/index?redirect=${encodeURIComponent(redirect)}` })}
        >
          忘记密码
        </Text>
      </View>
    </View>
  );
}
