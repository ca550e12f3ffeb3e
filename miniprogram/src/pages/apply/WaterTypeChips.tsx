import { Text, View } from '@tarojs/components';
import { WATER_TYPES_BY_KIND, WATER_TYPE_LABELS, type ApplicantKind, type WaterType } from '@wc/shared';

interface Props {
  kind: ApplicantKind;
  value: WaterType | '';
  onChange: (type: WaterType) => void;
}

/** 报装类型: the water types open to the applicant's kind, as tappable chips. */
export function WaterTypeChips({ kind, value, onChange }: Props) {
  return (
    <View className="chips">
      {WATER_TYPES_BY_KIND[kind].map((type) => (
        <View key={type} className={`chip ${value === type ? 'chip--active' : ''}`} onClick={() => onChange(type)}>
          <Text>{WATER_TYPE_LABELS[type]}</Text>
        </View>
      ))}
    </View>
  );
}
