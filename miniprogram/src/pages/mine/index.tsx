import { Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { APPLICANT_KIND_LABELS, maskPhone, type SmsPreferenceView } from '@wc/shared';
import { LoginPrompt } from '../../components/LoginPrompt';
import { useSession } from '../../hooks/useSession';
import { fetchMe } from '../../services/auth';
import { fetchSmsPreference, saveSmsPreference } from '../../services/notifications/smsPreference';
import { ApiError, showError } from '../../services/request';
import { clearSession, updateSessionUser } from '../../services/session';
import { mpBind, wechatStatus } from '../../services/wechat';
import { isWeapp } from '../../utils/platform';
import './index.scss';

interface MenuItem {
  label: string;
  url: string;
  tab?: boolean;
}

const PASSWORD_PAGE = '/pages/account/password/index';

/** The account's menu; the password entry says what it will do (the server tells whether there is a password). */
const menuFor = (hasPassword: boolean | null): MenuItem[] => [
  { label: '我的报装', url: '/pages/applications/index', tab: true },
  { label: '进度消息', url: '/pages/progress/messages/index' },
  { label: hasPassword === false ? '设置用户名和密码' : '修改密码', url: PASSWORD_PAGE },
  { label: '隐私政策', url: '/pages/account/privacy/index' },
];

/** 我的: the account, its settings and logging out. */
export default function MinePage() {
  const session = useSession();
  const [canBind, setCanBind] = useState(false);
  const [hasPassword, setHasPassword] = useState<boolean | null>(null);
  const [sms, setSms] = useState<SmsPreferenceView | null>(null);

  useEffect(() => {
    if (isWeapp) {
      void wechatStatus().then((status) => setCanBind(status.miniProgramLogin));
    }
  }, []);

  /** Links this password account to the WeChat in hand, so that next time 微信一键登录 finds it. */
  const bindWechat = async () => {
    try {
      const { code } = await Taro.login();
      updateSessionUser(await mpBind(code));
      void Taro.showToast({ title: '已绑定微信', icon: 'success' });
    } catch (error) {
      if (!(error instanceof ApiError)) {
        showError('绑定微信失败，请稍后再试');
      }
    }
  };

  useDidShow(() => {
    if (session) {
      fetchMe()
        .then((me) => {
          updateSessionUser(me);
          setHasPassword(me.hasPassword);
        })
        .catch(() => undefined);
      fetchSmsPreference()
        .then(setSms)
        .catch(() => undefined);
    }
  });

  /** 短信通知: off means progress only in the app, except what must reach the applicant. */
  const toggleSms = async (on: boolean) => {
    try {
      setSms(await saveSmsPreference(on));
      void Taro.showToast({ title: on ? '已开启短信通知' : '已关闭短信通知', icon: 'none' });
    } catch (error) {
      if (!(error instanceof ApiError)) {
        showError('设置失败，请稍后再试');
      }
    }
  };

  const logout = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '确定退出当前账号吗？', confirmColor: '#fa5151' });
    if (confirm) {
      clearSession();
      void Taro.showToast({ title: '已退出', icon: 'none' });
    }
  };

  if (!session) {
    return (
      <View className="page">
        <LoginPrompt text="登录后管理您的账号" />
        <View className="card mine-menu">
          <View className="mine-menu__item" onClick={() => void Taro.navigateTo({ url: '/pages/account/privacy/index' })}>
            <Text>隐私政策</Text>
            <Text className="mine-menu__arrow">›</Text>
          </View>
        </View>
      </View>
    );
  }

  const { user } = session;
  return (
    <View className="page mine-page">
      <View className="card mine-profile">
        <View className="mine-profile__avatar">
          <Text>{user.displayName.slice(0, 1)}</Text>
        </View>
        <View className="mine-profile__info">
          <Text className="mine-profile__name">{user.displayName}</Text>
          <Text className="muted small">
            {user.applicantKind ? APPLICANT_KIND_LABELS[user.applicantKind] : '报装用户'} · {user.username}
          </Text>
          {user.phone && <Text className="muted small">手机 {maskPhone(user.phone)}</Text>}
          {isWeapp && <Text className="muted small">{user.wechatBound ? '已绑定微信' : '未绑定微信'}</Text>}
          {hasPassword === false && (
            <Text className="link small" onClick={() => void Taro.navigateTo({ url: PASSWORD_PAGE })}>
              设置用户名和密码，也可用账号密码登录
            </Text>
          )}
          {isWeapp && canBind && !user.wechatBound && (
            <Text className="link small" onClick={() => void bindWechat()}>
              绑定微信，下次一键登录
            </Text>
          )}
        </View>
      </View>

      <View className="card mine-menu">
        {menuFor(hasPassword).map((item) => (
          <View
            key={item.label}
            className="mine-menu__item"
            onClick={() => void (item.tab ? Taro.switchTab({ url: item.url }) : Taro.navigateTo({ url: item.url }))}
          >
            <Text>{item.label}</Text>
            <Text className="mine-menu__arrow">›</Text>
          </View>
        ))}
      </View>

      {sms?.hasMobile && (
        <View className="card mine-menu mine-sms">
          <View className="mine-menu__item">
            <Text>短信通知进度</Text>
            <Switch checked={sms.smsEnabled} color="#07c160" aria-label="短信通知进度" onChange={(e) => void toggleSms(e.detail.value)} />
          </View>
          <Text className="muted small mine-sms__note">
            {sms.smsEnabled ? '微信收不到时，进度通过短信发送到您的手机。' : '已关闭：进度只在小程序中查看。'}「{sms.mustReach.join('」「')}
            」始终短信通知，不能关闭。
          </Text>
        </View>
      )}

      <View className="card mine-menu">
        <View className="mine-menu__item mine-menu__item--danger" onClick={() => void logout()}>
          <Text>退出登录</Text>
        </View>
      </View>
    </View>
  );
}
