import { Text, View } from '@tarojs/components';
import { CALIBERS, caliberLabel } from '@wc/shared';
import { Field } from '../../components/FormField';

interface Props {
  caliber: string;
  externalWorks: string;
  errors: { caliber?: string; externalWorks?: string };
  onChange: (name: 'caliber' | 'externalWorks', value: string) => void;
}

/**
 * 用水口径 and 是否涉及外线工程 as tappable chips (tap again to clear). The utility's fast-track rules
 * (快速通道) look at them; left open, the application takes the standard route.
 */
export function WorksFields({ caliber, externalWorks, errors, onChange }: Props) {
  const chip = (name: 'caliber' | 'externalWorks', current: string, value: string, label: string) => (
    <View
      key={value}
      className={`chip ${current === value ? 'chip--active' : ''}`}
      onClick={() => onChange(name, current === value ? '' : value)}
    >
      <Text>{label}</Text>
    </View>
  );
  return (
    <>
      <Field label="用水口径" error={errors.caliber} hint="申请的水表口径，不清楚可不选">
        <View className="chips">{CALIBERS.map((c) => chip('caliber', caliber, String(c), caliberLabel(c)))}</View>
      </Field>
      <Field label="是否涉及外线工程" error={errors.externalWorks} hint="接水需在用户红线外敷设管道的为涉及">
        <View className="chips">
          {chip('externalWorks', externalWorks, 'no', '不涉及')}
          {chip('externalWorks', externalWorks, 'yes', '涉及')}
        </View>
      </Field>
    </>
  );
}
