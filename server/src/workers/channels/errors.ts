/**
 * How a channel other than WeChat's own client (SMS, 企业微信) reports a failed send to the outbox
 * worker, which decides from `kind` whether to retry, give up or stop: the same meanings as
 * WeChat's errors have there.
 * - `refused`: the platform answered and refused; nothing was sent.
 * - `not_sent`: the request never left (or a token fetch failed): safe to retry later.
 * - `uncertain`: it may have arrived; never resent automatically.
 * - `limited`: the platform (or our own limit) throttled it: retry later, shown as 限流.
 */
export type ChannelFailureKind = 'refused' | 'not_sent' | 'uncertain' | 'limited';

export class ChannelSendError extends Error {
  constructor(
    readonly kind: ChannelFailureKind,
    /** The platform's own code (`isv.BUSINESS_LIMIT_CONTROL`, `45009`, …), kept for the delivery record. */
    readonly code: string | null,
    message: string,
    /** For `limited`: when the limit that stopped it frees up (retry then, not on the usual back-off). */
    readonly retryAt: Date | null = null,
  ) {
    super(message);
    this.name = 'ChannelSendError';
  }
}
