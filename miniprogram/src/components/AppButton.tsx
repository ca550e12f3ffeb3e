import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

interface Props {
  /** `btn` modifiers and test hooks: `btn--primary`, `btn--danger`, `btn--plain`, `btn--block`… */
  className?: string;
  loading?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}

/**
 * The app's button, the same on WeChat and H5. Taro's Button brings each platform's own button
 * styles (weui in H5, native in WeChat) that fight ours, and in H5 a `disabled={false}` still
 * looks disabled; a tappable view with our styles and a spinner does not.
 */
export function AppButton({ className, loading, disabled, onClick, children }: Props) {
  const inactive = loading === true || disabled === true;
  return (
    <View
      className={`btn ${className ?? ''} ${inactive ? 'btn--busy' : ''}`}
      hoverClass={inactive ? 'none' : 'btn--pressed'}
      onClick={() => {
        if (!inactive) {
          onClick();
        }
      }}
    >
      {loading && <View className="btn__spinner" />}
      <Text>{children}</Text>
    </View>
  );
}
