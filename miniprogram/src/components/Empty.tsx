import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** What a list shows when there is nothing in it, with an optional next step. */
export function Empty({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <View className="empty">
      <Text className="empty__text">{text}</Text>
      {children}
    </View>
  );
}
