import { Select, Typography } from 'antd';
import { MAX_REMINDERS, describeThreshold, type Threshold } from '@wc/shared';

/**
 * 提醒用户: the working days after which a step waiting on the customer reminds them (3 and 7 →
 * 「3个工作日、7个工作日」). Typed as numbers; reminders set in hours elsewhere are shown as they are.
 */
export function ReminderInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: readonly Threshold[];
  onChange: (next: Threshold[]) => void;
}) {
  if (value.some((r) => r.unit !== 'workdays')) {
    return <Typography.Text>{value.map(describeThreshold).join('、')}</Typography.Text>;
  }
  return (
    <Select<string[]>
      aria-label={`${label}提醒用户`}
      mode="tags"
      placeholder="不提醒"
      tokenSeparators={[',', '，', '、', ' ']}
      maxCount={MAX_REMINDERS}
      value={value.map((r) => String(r.value))}
      onChange={(texts) => {
        const days = [...new Set(texts.map(Number).filter((n) => Number.isFinite(n) && n > 0 && n <= 365))].sort((a, b) => a - b);
        onChange(days.map((d) => ({ value: d, unit: 'workdays' })));
      }}
      labelRender={({ value: v }) => `${String(v)}个工作日`}
      options={[1, 2, 3, 5, 7, 10].map((d) => ({ value: String(d), label: `${d}个工作日` }))}
      style={{ width: '100%', minWidth: 170 }}
    />
  );
}
