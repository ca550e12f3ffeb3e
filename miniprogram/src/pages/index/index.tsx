import { Text, View } from '@tarojs/components';
import { WATER_TYPE_LABELS } from '@wc/shared';
import './index.scss';

export default function Index() {
  return (
    <View className="index">
      <Text>用户报装 · {Object.values(WATER_TYPE_LABELS).join(' / ')}</Text>
    </View>
  );
}
