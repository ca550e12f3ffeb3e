import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { Op, literal, type WhereOptions } from 'sequelize';
import type { Config } from '../config';
import { withTransaction } from '../db/transaction';
import { OutboxDelivery, OutboxMessage, WechatFollower, WechatSubscription } from '../models';
import { services } from '../services';
import { sweepQuotas } from '../sms/quota';
import { TOKEN_PATH, WechatApiError, WechatNetworkError } from '../wechat/client';
import { StaffGroupMissingError, type StaffGroup } from '../wechat/staffGroup';
import { planChannels, type PlannedSend } from './channels';
import { ChannelSendError } from './channels/errors';
import type { ChannelReceipt } from './channels/plan';

/** WeChat's "try again later" answers: system busy, rate limits, token trouble that outlived a retry. */
const TRANSIENT_CODES = new Set([-1, 45009, 45011, 40001, 40014, 42001]);
/** The user said no on this channel (declined subscribe messages; no longer follows): not an error. */
const USER_SIDE_CODES = new Set([43101, 43004]);
/** Waits before retry n (1-based): 30 s, 2 min, 10 min, 30 min, 1 h, then every 3 h. */
const BACKOFF_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000];

export const UNCERTAIN_MESSAGE = '发送过程中断，无法确认微信是否已收到；为避免重复推送，未自动重发（可在后台手动重发）';

export interface OutboxWorkerOptions {
  id?: string;
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
  staffGroup?: StaffGroup | null;
  logger?: Logger;
}

export interface RunSummary {
  claimed: number;
  sent: number;
  recorded: number;
  failed: number;
  retried: number;
  uncertain: number;
  /** Held back by a send limit (ours or the platform's): tried again when it frees up. */
  limited: number;
}

/**
 * How one send ended. `code`: WeChat's numeric errcode; `key`: another platform's string code
 * (SMS's `isv.BUSINESS_LIMIT_CONTROL`, our own `local_limit`), kept apart in the delivery record.
 */
type SendResult =
  | { kind: 'sent'; msgid: string | null; note: ChannelReceipt['note'] }
  | { kind: 'refused'; code: number | null; key: string | null; message: string }
  | { kind: 'not_sent'; code: number | null; key: string | null; message: string }
  | { kind: 'limited'; key: string | null; message: string; retryAt: Date | null }
  | { kind: 'uncertain'; key: string | null; message: string };

/** What a failed send means for delivery; anything unrecognised may have reached WeChat. */
function classify(error: unknown): SendResult {
  if (error instanceof WechatApiError) {
    // A refused token fetch means the message itself never went out.
    return error.path === TOKEN_PATH
      ? { kind: 'not_sent', code: error.errcode, key: null, message: error.errmsg }
      : { kind: 'refused', code: error.errcode, key: null, message: error.errmsg };
  }
  if (error instanceof WechatNetworkError) {
    return error.delivered === 'no' || error.path === TOKEN_PATH
      ? { kind: 'not_sent', code: null, key: null, message: error.message }
      : { kind: 'uncertain', key: null, message: error.message };
  }
  if (error instanceof StaffGroupMissingError) {
    return { kind: 'refused', code: 0, key: null, message: error.message };
  }
  if (error instanceof ChannelSendError) {
    switch (error.kind) {
      case 'limited':
        return { kind: 'limited', key: error.code, message: error.message, retryAt: error.retryAt };
      case 'uncertain':
        return { kind: 'uncertain', key: error.code, message: error.message };
      default:
        return { kind: error.kind, code: null, key: error.code, message: error.message };
    }
  }
  return { kind: 'uncertain', key: null, message: error instanceof Error ? error.message : String(error) };
}

const errorText = (code: number | string | null, message: string) => (code === null ? message : `[${code}] ${message}`).slice(0, 1000);

/** A limit with no stated end is tried again after this long. */
const LIMITED_WAIT_MS = 60_000;

/**
 * Delivers outbox rows. Rows are claimed with a conditional UPDATE (a lease: `lockedBy` and
 * `lockedUntil`) that works the same on SQLite and MariaDB, so any number of workers in any number
 * of processes each get different rows. Before each send the attempt is recorded (an
 * `outbox_deliveries` row) after checking that the claim still holds; a row reclaimed after its
 * lease ran out with such an attempt still open was being sent when its worker died: WeChat may
 * have it, so it is marked failed (uncertain) rather than sent twice.
 */
export class OutboxWorker {
  readonly id: string;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly staffGroup: StaffGroup | null;
  private readonly logger: Logger;
  private claims = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly config: Config,
    options: OutboxWorkerOptions = {},
  ) {
    this.id = options.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.batchSize = options.batchSize ?? 20;
    this.leaseMs = options.leaseMs ?? config.workers.leaseSeconds * 1000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.staffGroup = options.staffGroup ?? null;
    this.logger = options.logger ?? services().logger;
  }

  /** Claims due rows and delivers each; resolves when this batch is done. */
  async runOnce(now = new Date()): Promise<RunSummary> {
    const summary: RunSummary = { claimed: 0, sent: 0, recorded: 0, failed: 0, retried: 0, uncertain: 0, limited: 0 };
    const { rows, token } = await this.claim(now);
    summary.claimed = rows.length;
    if (this.claims % 200 === 1) {
      // SMS limit windows that ended are of no further use; any worker clears them now and then.
      await sweepQuotas(now).catch((error: unknown) => this.logger.warn({ err: error }, 'sms quota sweep failed'));
    }
    for (const row of rows) {
      const outcome = await this.deliver(row, token).catch((error: unknown) => {
        this.logger.error({ err: error, outboxId: row.id }, 'outbox delivery crashed');
        return 'crashed' as const;
      });
      if (outcome !== 'lost' && outcome !== 'crashed') {
        summary[outcome] += 1;
      }
    }
    return summary;
  }

  /** Polls every `pollMs` (at once again after a full batch) until stopped. */
  start(pollMs = this.config.workers.pollMs): void {
    this.stopped = false;
    const tick = () => {
      this.running = this.runOnce()
        .then(
          (summary) => summary.claimed >= this.batchSize,
          (error: unknown) => {
            this.logger.error({ err: error }, 'outbox worker run failed');
            return false;
          },
        )
        .then((more) => {
          if (!this.stopped) {
            this.timer = setTimeout(tick, more ? 0 : pollMs);
          }
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops polling and waits for the batch in progress, so that a clean stop never leaves a send unsettled. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) {
      clearTimeout(this.timer);
    }
    await this.running;
  }

  private async claim(now: Date): Promise<{ rows: OutboxMessage[]; token: string }> {
    const due: WhereOptions<OutboxMessage> = {
      [Op.or]: [
        { status: 'pending', nextAttemptAt: { [Op.lte]: now } },
        { status: 'sending', lockedUntil: { [Op.lt]: now } },
        { status: 'sending', lockedUntil: null },
      ],
    };
    // Rows whose recipient has an earlier message in flight at another worker must wait for it
    // (keepOrder); leaving them out here keeps a blocked user's backlog from filling every batch
    // and holding up everyone else's messages until that lease ends.
    const notBehindInFlight = literal(
      'NOT EXISTS (SELECT 1 FROM outbox AS earlier WHERE earlier.recipient_user_id = OutboxMessage.recipient_user_id' +
        ' AND earlier.audience = OutboxMessage.audience AND earlier.id < OutboxMessage.id AND earlier.status = ' +
        "'sending')",
    );
    const candidates = await OutboxMessage.findAll({
      attributes: ['id'],
      where: { [Op.and]: [due, notBehindInFlight] },
      order: [['id', 'ASC']],
      limit: this.batchSize,
    });
    this.claims += 1;
    const token = `${this.id}#${this.claims}`;
    if (candidates.length === 0) {
      return { rows: [], token };
    }
    await withTransaction(services().sequelize, (t) =>
      OutboxMessage.update(
        { status: 'sending', lockedBy: token, lockedUntil: new Date(now.getTime() + this.leaseMs) },
        { where: { [Op.and]: [{ id: { [Op.in]: candidates.map((c) => c.id) } }, due] }, transaction: t },
      ),
    );
    const claimed = await OutboxMessage.findAll({ where: { lockedBy: token }, order: [['id', 'ASC']] });
    return { rows: await this.keepOrder(claimed, token, now), token };
  }

  /**
   * A user reads their messages in the order things happened: a row whose recipient has an earlier
   * row being sent by another worker, or due but not in this batch, is handed back for a later poll.
   */
  private async keepOrder(claimed: OutboxMessage[], token: string, now: Date): Promise<OutboxMessage[]> {
    const recipients = [...new Set(claimed.map((r) => r.recipientUserId).filter((id): id is number => id !== null))];
    if (recipients.length === 0) {
      return claimed;
    }
    const earlier = await OutboxMessage.findAll({
      attributes: ['id', 'recipientUserId', 'audience'],
      where: {
        recipientUserId: { [Op.in]: recipients },
        id: { [Op.lt]: Math.max(...claimed.map((r) => r.id)) },
        [Op.or]: [
          { status: 'sending', lockedBy: { [Op.ne]: token } },
          { status: 'pending', nextAttemptAt: { [Op.lte]: now } },
        ],
      },
    });
    const waiting = claimed.filter((row) =>
      earlier.some((e) => e.recipientUserId === row.recipientUserId && e.audience === row.audience && e.id < row.id),
    );
    if (waiting.length === 0) {
      return claimed;
    }
    await withTransaction(services().sequelize, (t) =>
      OutboxMessage.update(
        { status: 'pending', lockedBy: null, lockedUntil: null },
        { where: { id: { [Op.in]: waiting.map((r) => r.id) }, lockedBy: token }, transaction: t },
      ),
    );
    return claimed.filter((row) => !waiting.includes(row));
  }

  private async deliver(row: OutboxMessage, token: string): Promise<keyof Omit<RunSummary, 'claimed'> | 'lost'> {
    const open = await OutboxDelivery.findOne({ where: { outboxId: row.id, outcome: 'pending' }, order: [['id', 'DESC']] });
    if (open) {
      await this.settle(row.id, { status: 'failed', lastError: errorText(null, UNCERTAIN_MESSAGE) }, open.id, {
        outcome: 'uncertain',
        errorMessage: '发送方在发送过程中退出',
      });
      return 'uncertain';
    }
    const plans = await planChannels(this.config, row, this.staffGroup);
    // A message that goes out on two channels (WeChat and, for what must not be missed, SMS) is
    // retried for the one that failed only: what was already sent, or may have been, is not sent again.
    // (An uncertain send ends the row as failed; sending it again is then an administrator's decision.)
    const earlier = await OutboxDelivery.findAll({ where: { outboxId: row.id, outcome: 'sent' }, order: [['id', 'ASC']] });
    const alsoChannels = new Set(plans.filter((p) => p.mode === 'also').map((p) => p.channel));
    const done = new Set(earlier.map((d) => d.channel));
    let sentChannel = earlier[0]?.channel ?? null;
    let alternativesDone = earlier.some((d) => !alsoChannels.has(d.channel));
    let attempts = row.attempts;
    let lastRefusal: { code: number | string; message: string; userSide: boolean } | null = null;
    let retry: { error: string; at: Date | null; limited: boolean } | null = null;
    let uncertain: string | null = null;
    for (const plan of plans) {
      if (plan.mode === 'also' ? done.has(plan.channel) : alternativesDone) {
        continue;
      }
      attempts += 1;
      const deliveryId = await this.recordAttempt(row, token, plan, attempts);
      if (deliveryId === 'lost') {
        return 'lost';
      }
      if (deliveryId === 'no_consent') {
        attempts -= 1;
        continue;
      }
      let result: SendResult;
      try {
        const reply = await plan.send();
        result = { kind: 'sent', msgid: reply.msgid, note: reply.note };
      } catch (error) {
        result = classify(error);
      }
      if (result.kind === 'sent') {
        // Sent after the platform refused part of it (a page not released, a jump to an unlinked
        // mini program, an SMS value shortened to fit): the delivery keeps the code and what was
        // given up, for the admin to fix.
        const note = result.note;
        await this.settleDelivery(deliveryId, {
          outcome: 'sent',
          msgId: result.msgid,
          errorCode: typeof note?.code === 'number' ? note.code : null,
          errorKey: typeof note?.code === 'string' ? note.code : null,
          errorMessage: note?.message.slice(0, 500) ?? null,
        });
        if (note) {
          this.logger.warn({ outboxId: row.id, channel: plan.channel, errcode: note.code }, note.message);
        }
        sentChannel ??= plan.channel;
        alternativesDone ||= plan.mode !== 'also';
        continue;
      }
      if (result.kind === 'uncertain') {
        await this.settleDelivery(deliveryId, { outcome: 'uncertain', errorKey: result.key, errorMessage: result.message.slice(0, 500) });
        uncertain = result.message;
        alternativesDone ||= plan.mode !== 'also';
        continue;
      }
      await this.afterRefusal(row, plan, deliveryId, result);
      if (result.kind === 'limited') {
        retry = { error: errorText(null, result.message), at: result.retryAt, limited: true };
        alternativesDone ||= plan.mode !== 'also';
        continue;
      }
      const transient = result.kind === 'not_sent' || (result.code !== null && TRANSIENT_CODES.has(result.code));
      if (transient) {
        retry ??= { error: errorText(result.code ?? result.key, result.message), at: null, limited: false };
        alternativesDone ||= plan.mode !== 'also';
        continue;
      }
      lastRefusal = {
        code: result.code ?? result.key ?? 0,
        message: result.message,
        userSide: result.code !== null && USER_SIDE_CODES.has(result.code),
      };
    }
    if (retry) {
      return this.retryLater(row.id, attempts, retry, sentChannel);
    }
    if (sentChannel) {
      await this.settle(row.id, {
        status: 'sent',
        channel: sentChannel,
        sentAt: new Date(),
        lastError: lastRefusal ? errorText(lastRefusal.code, lastRefusal.message) : null,
      });
      return 'sent';
    }
    if (uncertain !== null) {
      await this.settle(row.id, { status: 'failed', lastError: errorText(null, `${UNCERTAIN_MESSAGE}：${uncertain}`) });
      return 'uncertain';
    }
    if (lastRefusal && !lastRefusal.userSide) {
      await this.settle(row.id, { status: 'failed', lastError: errorText(lastRefusal.code, lastRefusal.message) });
      return 'failed';
    }
    // No channel, or the user turned every channel down: the message lives in the app's timeline.
    await this.settle(row.id, { status: 'recorded', lastError: lastRefusal ? errorText(lastRefusal.code, lastRefusal.message) : null });
    return 'recorded';
  }

  /**
   * In one transaction: the claim still holds (else another worker has the row: stop), the
   * one-time consent a subscribe message needs is taken, and the attempt is recorded.
   */
  private async recordAttempt(
    row: OutboxMessage,
    token: string,
    plan: PlannedSend,
    attempt: number,
  ): Promise<number | 'lost' | 'no_consent'> {
    return withTransaction(services().sequelize, async (t) => {
      const [held] = await OutboxMessage.update(
        { lockedUntil: new Date(Date.now() + this.leaseMs), attempts: attempt, channel: plan.channel },
        { where: { id: row.id, lockedBy: token, status: 'sending' }, transaction: t },
      );
      if (held !== 1) {
        return 'lost';
      }
      if (plan.subscription) {
        const [taken] = await WechatSubscription.update(
          { remaining: literal('remaining - 1') as unknown as number },
          { where: { ...plan.subscription, remaining: { [Op.gt]: 0 } }, transaction: t },
        );
        if (taken !== 1) {
          return 'no_consent';
        }
      }
      const delivery = await OutboxDelivery.create(
        {
          outboxId: row.id,
          attempt,
          channel: plan.channel,
          worker: token,
          recipient: plan.recipient,
          templateId: plan.templateId,
          errorCode: null,
          errorKey: null,
          errorMessage: null,
          msgId: null,
          startedAt: new Date(),
          finishedAt: null,
        },
        { transaction: t },
      );
      return delivery.id;
    });
  }

  /**
   * Records a refusal (or a request that never left). Nothing was used up: the consent goes back,
   * unless WeChat says the user has none (43101); a 43004 means the user no longer follows.
   */
  private async afterRefusal(
    row: OutboxMessage,
    plan: PlannedSend,
    deliveryId: number,
    result:
      | { kind: 'refused' | 'not_sent'; code: number | null; key: string | null; message: string }
      | { kind: 'limited'; key: string | null; message: string },
  ): Promise<void> {
    const code = result.kind === 'limited' ? null : result.code;
    await withTransaction(services().sequelize, async (t) => {
      await OutboxDelivery.update(
        {
          outcome: result.kind === 'not_sent' ? 'error' : result.kind,
          errorCode: code,
          errorKey: result.key,
          errorMessage: result.message.slice(0, 500),
          finishedAt: new Date(),
        },
        { where: { id: deliveryId }, transaction: t },
      );
      if (plan.subscription) {
        await WechatSubscription.update(
          { remaining: code === 43101 ? 0 : (literal('remaining + 1') as unknown as number) },
          { where: plan.subscription, transaction: t },
        );
      }
      if (plan.channel === 'oa_template' && code === 43004 && plan.recipient) {
        await WechatFollower.update({ subscribed: false }, { where: { openid: plan.recipient }, transaction: t });
      }
    });
    if (row.audience === 'applicant' && (code !== null || result.key !== null)) {
      this.logger.warn({ outboxId: row.id, channel: plan.channel, errcode: code ?? result.key }, 'a channel refused a notification');
    }
  }

  /**
   * Hands the row back for a later try: after the back-off, or — held back by a limit — when the
   * limit frees up (not counted against the attempts: a daily limit may hold it a day). Out of
   * attempts, it fails, unless another channel already delivered it.
   */
  private async retryLater(
    id: number,
    attempts: number,
    retry: { error: string; at: Date | null; limited: boolean },
    sentChannel: string | null,
  ): Promise<'retried' | 'failed' | 'limited' | 'sent'> {
    if (!retry.limited && attempts >= this.maxAttempts) {
      if (sentChannel) {
        await this.settle(id, { status: 'sent', channel: sentChannel, sentAt: new Date(), lastError: retry.error });
        return 'sent';
      }
      await this.settle(id, { status: 'failed', lastError: retry.error });
      return 'failed';
    }
    const backoff = BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1] ?? BACKOFF_MS[BACKOFF_MS.length - 1] ?? 60_000;
    const at = retry.limited ? (retry.at ?? new Date(Date.now() + LIMITED_WAIT_MS)) : new Date(Date.now() + backoff);
    await this.settle(id, { status: 'pending', nextAttemptAt: at, lastError: retry.error });
    return retry.limited ? 'limited' : 'retried';
  }

  /** Writes how one attempt ended. */
  private async settleDelivery(
    deliveryId: number,
    delivery: Partial<Pick<OutboxDelivery, 'outcome' | 'msgId' | 'errorCode' | 'errorKey' | 'errorMessage'>>,
  ): Promise<void> {
    await OutboxDelivery.update({ ...delivery, finishedAt: new Date() }, { where: { id: deliveryId } });
  }

  /**
   * Writes a row's outcome, releasing the lease. Not conditional on the lease: whoever learned how
   * the send ended knows best, even if its lease ran out meanwhile.
   */
  private async settle(
    id: number,
    fields: Partial<Pick<OutboxMessage, 'status' | 'channel' | 'sentAt' | 'lastError' | 'nextAttemptAt'>>,
    deliveryId?: number,
    delivery?: Partial<Pick<OutboxDelivery, 'outcome' | 'msgId' | 'errorCode' | 'errorKey' | 'errorMessage'>>,
  ): Promise<void> {
    await withTransaction(services().sequelize, async (t) => {
      await OutboxMessage.update({ ...fields, lockedBy: null, lockedUntil: null }, { where: { id }, transaction: t });
      if (deliveryId !== undefined && delivery) {
        await OutboxDelivery.update({ ...delivery, finishedAt: new Date() }, { where: { id: deliveryId }, transaction: t });
      }
    });
  }
}
