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
  /**
   * Our values by name (`SmsValueKey` in shared/src/sms.ts: `code`, `number`, `text`…); the
   * template's settings say which fills each of its variables. Free text that is too long is
   * shortened (the receipt's `note` says so); an identifier that is too long refuses the send.
   */
  params: Record<string, string>;
}

export interface SmsReceipt {
  /** Aliyun's BizId, for QuerySendDetails; `null` in local mode. */
  bizId: string | null;
  requestId: string | null;
  /** What had to be given up to send it (a value shortened to fit), for the delivery record. */
  note?: string | null;
}

export interface SmsSender {
  /** `false` in local mode: nothing is really sent. */
  readonly live: boolean;
  /** Resolves when the platform accepted the message; rejects with a `ChannelSendError` otherwise. */
  send(message: SmsMessage): Promise<SmsReceipt>;
}
