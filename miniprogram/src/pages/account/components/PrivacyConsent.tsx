import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AppButton } from '../../../components/AppButton';
import { isWeapp } from '../../../utils/platform';
import { PRIVACY_SUMMARY } from '../privacy';
import './PrivacyConsent.scss';

interface Props {
  onAgree: () => void;
  onDecline: () => void;
}

/**
 * Asked before any personal data is collected. Inside WeChat the official privacy dialog is
 * triggered as well (the privacy guide configured in the mini program's console).
 */
export function PrivacyConsent({ onAgree, onDecline }: Props) {
  const agree = () => {
    if (isWeapp) {
      Taro.requirePrivacyAuthorize({ success: onAgree, fail: onDecline });
      return;
    }
    onAgree();
  };
  return (
    <View className="card privacy-consent">
      <Text className="privacy-consent__title">隐私保护提示</Text>
      <Text className="privacy-consent__lead">在您注册和申请报装之前，请阅读我们如何使用您的信息：</Text>
      {PRIVACY_SUMMARY.map((line) => (
        <View key={line} className="privacy-consent__item">
          <Text>{line}</Text>
        </View>
      ))}
      <Text className="link privacy-consent__more" onClick={() => void Taro.navigateTo({ url: '/pages/account/privacy/index' })}>
        阅读完整的《隐私政策》
      </Text>
      <View className="privacy-consent__buttons">
        <AppButton className="btn" onClick={onDecline}>
          不同意
        </AppButton>
        <AppButton className="btn btn--primary" onClick={agree}>
          同意并继续
        </AppButton>
      </View>
    </View>
  );
}
