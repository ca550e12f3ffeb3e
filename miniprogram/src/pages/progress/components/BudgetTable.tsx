import { ScrollView, Text, View } from '@tarojs/components';
import type { BudgetPreview } from '../../../services/types';
import { money } from '../../../utils/format';
import './BudgetTable.scss';

/** The server reads the figures as numbers (null when a cell holds none). */
const quantity = (value: number | null) => (value === null ? '' : String(Number(value.toFixed(3))));
const amount = (value: number | null) => (value === null ? '' : money(value));

/**
 * The budget workbook, readable on a phone: each item on two lines (name and amount; spec,
 * quantity and unit price), then the total — no sideways scrolling through six columns.
 */
export function BudgetTable({ preview }: { preview: BudgetPreview }) {
  if (preview.items.length === 0) {
    return (
      <View className="budget-table">
        {preview.rows.length > 0 ? <RawRows rows={preview.rows} /> : <Text className="muted">预算书是空的。</Text>}
        <Text className="muted small">没有识别出预算明细的格式，以上是表格原样内容；也可以下载原件查看。</Text>
      </View>
    );
  }
  return (
    <View className="budget-table">
      <Text className="budget-table__caption">共 {preview.items.length} 项</Text>
      {preview.items.map((item, index) => {
        const detail = [item.spec, [quantity(item.quantity), item.unit].filter(Boolean).join(' ')].filter(Boolean).join(' · ');
        return (
          <View key={`${item.name}-${index}`} className="budget-table__item">
            <View className="budget-table__line">
              <Text className="budget-table__name">
                {index + 1}. {item.name}
              </Text>
              <Text className="budget-table__amount">{amount(item.amount)}</Text>
            </View>
            <Text className="budget-table__detail">
              {detail}
              {item.price !== null ? ` × 单价 ${money(item.price)}` : ''}
            </Text>
          </View>
        );
      })}
      <View className="budget-table__total">
        <Text>合计</Text>
        <Text className="budget-table__total-amount budget-total">{amount(preview.total)}</Text>
      </View>
      {preview.matchesBudgetTotal === false && (
        <View className="notice budget-table__mismatch">
          <Text>预算书合计与登记的预算总额（{money(preview.budgetTotal)}）不一致，请与工作人员核对后再确认。</Text>
        </View>
      )}
    </View>
  );
}

/** A workbook whose layout was not recognised: its first rows as they are. */
function RawRows({ rows }: { rows: string[][] }) {
  return (
    <ScrollView scrollX className="budget-table__scroll">
      <View className="budget-table__grid">
        {rows.map((row, r) => (
          <View key={r} className={`budget-table__row ${r === 0 ? 'budget-table__row--head' : ''}`}>
            {row.map((cell, c) => (
              <Text key={c} className="budget-table__cell">
                {cell}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </ScrollView>
  );
}
