import { Text, View } from '@tarojs/components';
import { APPLICANT_KINDS, APPLICANT_KIND_LABELS, type ApplicantKind } from '@wc/shared';

interface Props {
  value: ApplicantKind | '';
  onChange: (kind: ApplicantKind) => void;
  /** Kinds that cannot be chosen (an enterprise account cannot apply as a resident). */
  disabled?: ApplicantKind[];
}

/** 企业单位 / 居民 */
export function KindToggle({ value, onChange, disabled = [] }: Props) {
  return (
    <View className="segmented kind-toggle">
      {APPLICANT_KINDS.map((kind) => {
        const off = disabled.includes(kind);
        return (
          <View
            key={kind}
            className={`segmented__item ${value === kind ? 'segmented__item--active' : ''} ${off ? 'segmented__item--disabled' : ''}`}
            onClick={() => !off && onChange(kind)}
          >
            <Text>{APPLICANT_KIND_LABELS[kind]}</Text>
          </View>
        );
      })}
    </View>
  );
}
