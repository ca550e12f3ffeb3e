import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ApplicationDetailView } from '@wc/shared';
import { Card, Cell } from '../../../components/Card';
import { money } from '../../../utils/format';
import './Payment.scss';

/**
 * 缴费: while the step waits for payment, the amount due and how to pay (单位信息's bank account and
 * counters); once recorded, the amount paid and the receipt number.
 */
export function Payment({ app }: { app: ApplicationDetailView }) {
  const paid = app.payment;
  if (paid) {
    return (
      <Card title="缴费信息" className="payment">
        <Cell label="已缴金额" value={<Text className="payment__amount">{money(paid.amount)}</Text>} />
        <Cell label="缴费日期" value={paid.paidOn} />
        {paid.receiptNo && <Cell label="收据编号" value={paid.receiptNo} valueClassName="mono" />}
      </Card>
    );
  }
  const payTo = app.payTo;
  if (!payTo) {
    return null;
  }
  const copy = (value: string) => void Taro.setClipboardData({ data: value });
  return (
    <Card title="请缴费" className="payment">
      <Cell
        label="应缴金额"
        value={
          app.amountDue !== null ? (
            <Text className="payment__amount payment__amount--due">{money(app.amountDue)}</Text>
          ) : (
            <Text className="muted">以缴费通知为准</Text>
          )
        }
      />
      {payTo.bankAccount && (
        <>
          <Cell label="户名" value={payTo.accountName ?? payTo.payee} />
          <Cell label="开户银行" value={payTo.bankName ?? '—'} />
          <Cell
            label="银行账号"
            value={
              <Text className="mono link" onClick={() => copy(payTo.bankAccount ?? '')}>
                {payTo.bankAccount}（点击复制）
              </Text>
            }
          />
        </>
      )}
      {payTo.counters && <Cell label="缴费网点" value={payTo.counters} />}
      <View className="payment__note">
        <Text className="muted small">
          转账时请在备注中写明报装编号 {app.number}
          {payTo.phone ? `；如有疑问请致电 ${payTo.phone}` : ''}。缴费登记后，此处显示已缴金额和收据编号。
        </Text>
      </View>
    </Card>
  );
}
