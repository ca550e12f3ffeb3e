import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

interface CardProps {
  title?: ReactNode;
  extra?: ReactNode;
  className?: string;
  children?: ReactNode;
}

/** A white rounded card with an optional title row. */
export function Card({ title, extra, className, children }: CardProps) {
  return (
    <View className={`card ${className ?? ''}`}>
      {(title !== undefined || extra !== undefined) && (
        <View className="card__head">
          <Text className="card__title">{title}</Text>
          {extra !== undefined && <View className="card__extra">{extra}</View>}
        </View>
      )}
      {children}
    </View>
  );
}

interface CellProps {
  label: string;
  value: ReactNode;
  valueClassName?: string;
}

/** One label/value line of a card. */
export function Cell({ label, value, valueClassName }: CellProps) {
  return (
    <View className="cell">
      <Text className="cell__label">{label}</Text>
      <View className={`cell__value ${valueClassName ?? ''}`}>{value}</View>
    </View>
  );
}
