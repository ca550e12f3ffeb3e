import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { useRequireLogin } from '../../../hooks/useRequireLogin';
import { fetchMe } from '../../../services/auth';
import { ApiError, showError } from '../../../services/request';
import { ChangePasswordForm } from './components/ChangePasswordForm';
import { SetCredentialsForm } from './components/SetCredentialsForm';
import '../account.scss';

/**
 * 修改密码, or — for an account made by a WeChat login, which has none — 设置用户名和密码. Which one
 * is the server's to say (`hasPassword` on /me): the page never guesses from the user name.
 * Either way other devices are logged out and this one keeps working with the new token.
 */
export default function PasswordPage() {
  // Fetched once per opening: the session object itself changes when the new token is saved.
  const loggedIn = useRequireLogin() !== null;
  const [hasPassword, setHasPassword] = useState<boolean | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!loggedIn) {
      return;
    }
    fetchMe()
      .then((me) => {
        setHasPassword(me.hasPassword);
        void Taro.setNavigationBarTitle({ title: me.hasPassword ? '修改密码' : '设置密码' });
      })
      .catch((error: unknown) => {
        setFailed(true);
        if (!(error instanceof ApiError)) {
          showError('加载失败，请稍后再试');
        }
      });
  }, [loggedIn]);

  const done = (title: string) => {
    void Taro.showToast({ title, icon: 'success', duration: 1200 });
    setTimeout(() => void Taro.navigateBack(), 1200);
  };

  return (
    <View className="page account-page">
      {hasPassword === true && <ChangePasswordForm onDone={() => done('密码已修改')} />}
      {hasPassword === false && <SetCredentialsForm onDone={() => done('已设置')} />}
      {hasPassword === null && (
        <View className="card">
          <Text className="muted">{failed ? '加载失败，请返回重试' : '加载中…'}</Text>
        </View>
      )}
    </View>
  );
}
