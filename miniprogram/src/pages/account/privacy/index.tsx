import { Text, View } from '@tarojs/components';
import { PRIVACY_POLICY, PRIVACY_VERSION } from '../privacy';
import './index.scss';

/** 隐私政策, in full. */
export default function PrivacyPage() {
  return (
    <View className="page privacy-page">
      <View className="card">
        <Text className="privacy-page__title">用户报装隐私政策</Text>
        <Text className="small muted">更新日期：{PRIVACY_VERSION}</Text>
        <Text className="privacy-page__intro">
          自来水公司（以下简称“我们”）通过本小程序和公众号网页为您办理用水报装。我们重视您的个人信息，只收集办理报装所必需的信息，并按本政策使用和保护。
        </Text>
        {PRIVACY_POLICY.map((section) => (
          <View key={section.title} className="privacy-page__section">
            <Text className="privacy-page__heading">{section.title}</Text>
            {section.paragraphs.map((p) => (
              <Text key={p} className="privacy-page__paragraph">
                {p}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}
