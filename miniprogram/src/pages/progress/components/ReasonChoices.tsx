import { Text, View } from '@tarojs/components';
import './ReasonChoices.scss';

interface Props {
  categories: readonly { id: number; label: string }[];
  chosen: number | null;
  onChoose: (id: number) => void;
}

/**
 * 原因类别 of a refusal (不同意预算, 不同意设计变更): the categories the server offers for the action,
 * as tappable chips — the same on H5 and in the mini program (no native picker).
 */
export function ReasonChoices({ categories, chosen, onChoose }: Props) {
  return (
    <View className="reason-choices">
      <Text className="reason-choices__title">原因类别（必选）</Text>
      <View className="reason-choices__list">
        {categories.map((c) => (
          <View
            key={c.id}
            className={`reason-choices__item ${chosen === c.id ? 'reason-choices__item--chosen' : ''}`}
            onClick={() => onChoose(c.id)}
          >
            {c.label}
          </View>
        ))}
      </View>
    </View>
  );
}
