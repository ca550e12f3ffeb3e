import type { UtilityStaffView } from '@wc/shared';
import { money } from './money';

/** 缴费说明 of the 预算书: where the applicant pays the total, from 单位信息's bank account. */
export function PaymentNotice({ utility, total }: { utility: UtilityStaffView; total: number | null }) {
  const amount = total !== null ? `${money(total)} 元` : '上述合计金额';
  return (
    <div className="print-payment" data-testid="payment-notice">
      <div className="print-section">缴费说明</div>
      {utility.bankAccount ? (
        <p>
          请按{amount}将工程费用转账至：户名 {utility.accountName}；开户银行 {utility.bankName}；账号 {utility.bankAccount}
          。转账时请注明报装编号{utility.phone ? `，如有疑问请拨打服务电话 ${utility.phone}` : ''}。
        </p>
      ) : (
        <p>
          请按{amount}缴纳工程费用{utility.phone ? `，缴费方式请拨打服务电话 ${utility.phone} 咨询` : '，缴费方式请向营业厅咨询'}。
        </p>
      )}
    </div>
  );
}
