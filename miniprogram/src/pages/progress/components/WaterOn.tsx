import { Text } from '@tarojs/components';
import type { ExpectedWaterOnView } from '@wc/shared';
import { Card, Cell } from '../../../components/Card';

/** 预计通水日期 with its caveat, as the server worked it out from the remaining steps' time limits. */
export function WaterOn({ expected }: { expected: ExpectedWaterOnView | null }) {
  if (!expected) {
    return null;
  }
  const [year, month, day] = expected.date.split('-');
  return (
    <Card className="water-on">
      <Cell label="预计通水日期" value={<Text className="water-on__date">{`${year}年${Number(month)}月${Number(day)}日`}</Text>} />
      <Text className="muted small">{expected.note}</Text>
    </Card>
  );
}
