/**
 * The amount the customer is asked to pay at 缴费: the signed contract's amount when there is a
 * contract (enterprise), else the confirmed budget's total; null when neither is known (a resident
 * application, whose fee the cashier's notice states).
 */
export function amountDue(values: { contractAmount: number | null | undefined; budgetTotal: number | null | undefined }): number | null {
  return values.contractAmount ?? values.budgetTotal ?? null;
}

/** `12,345.60` — an amount in yuan with two decimals and thousands separators, the same on every client. */
export function formatYuan(amount: number): string {
  const [whole = '0', cents = '00'] = Math.abs(amount).toFixed(2).split('.');
  return `${amount < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}
