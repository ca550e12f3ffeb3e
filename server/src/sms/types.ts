/**
 * What the rest of the server needs from SMS (短信): send one templated message to one phone.
 * Implemented over Aliyun's official SDK (`aliyun.ts`); in local mode (no access key configured)
 * nothing leaves the machine and the message is written to the log with the phone masked.
 */
export interface SmsMessage {
  /** Mainland mobile number, 11 digits. */
  phone: string;
  /** Which configured template (短信模板设置) to use, e.g. `verification_code`, `payment_due`. */
  template: string;
  /** The template's variables by name; each must fit the platform's length limit or the send is refused. */
  params: Record<string, string>;
}

export interface SmsReceipt {
  /** Aliyun's BizId, for QuerySendDetails; `null` in local mode. */
  bizId: string | null;
  requestId: string | null;
}

export interface SmsSender {
  /** `false` in local mode: nothing is really sent. */
  readonly live: boolean;
  /** Resolves when the platform accepted the message; rejects with a `ChannelSendError` otherwise. */
  send(message: SmsMessage): Promise<SmsReceipt>;
}
