import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { goToLogin } from '../utils/navigation';
import { AppButton } from './AppButton';

/** Shown on tab pages to visitors: log in or register to apply and follow applications. */
export function LoginPrompt({ text }: { text: string }) {
  return (
    <View className="card login-prompt">
      <Text className="login-prompt__text">{text}</Text>
      <View className="login-prompt__buttons">
        <AppButton className="btn btn--primary" onClick={() => goToLogin()}>
          登录
        </AppButton>
        <AppButton className="btn btn--plain" onClick={() => void Taro.navigateTo({ url: '/pages/account/register/index' })}>
          注册
        </AppButton>
      </View>
    </View>
  );
}
