import type { Logger } from 'pino';
import type { Config } from '../config';
import { WechatNetworkError } from './client';

/**
 * The optional staff channel: a WeChat group that a personal WeChat account posts alerts to, driven
 * through Wechaty and a puppet gateway (paid, or self-hosted). WeChat's rules forbid such bots
 * (微信安全中心, 2024-03 notice) and the account can be logged out or banned at any time, so the
 * worklist is what staff rely on; this channel says honestly whether it is connected, and while it
 * is not, alerts wait for it (retried with the outbox's backoff) instead of counting as delivered.
 */

/** Where the channel is: each state has a Chinese label for /health and the admin. */
export type StaffChannelState = 'connecting' | 'waiting_for_scan' | 'connected' | 'reconnecting' | 'stopped' | 'not_running';

export const STAFF_CHANNEL_LABELS: Record<StaffChannelState, string> = {
  connecting: '正在连接',
  waiting_for_scan: '等待扫码登录（二维码链接见服务器日志）',
  connected: '已连接',
  reconnecting: '连接中断，等待重连',
  stopped: '已停止',
  not_running: '本进程不发送消息（由独立的 worker 进程连接，见其日志）',
};

export interface StaffChannelStatus {
  state: StaffChannelState;
  label: string;
  room: string;
  /** When the channel entered this state (ISO). */
  since: string;
  lastError: string | null;
  /** When the next reconnection attempt is due (ISO), while reconnecting. */
  nextRetryAt: string | null;
}

/** Where staff alerts (new work, overdue steps) are posted besides the worklist: a WeChat group. */
export interface StaffGroup {
  /** The group's name, recorded with each delivery. */
  readonly name: string;
  status(): StaffChannelStatus;
  send(text: string): Promise<void>;
  stop(): Promise<void>;
}

/** The group could not be found: posting cannot succeed until the configuration changes. */
export class StaffGroupMissingError extends Error {
  constructor(topic: string) {
    super(`WeChat group "${topic}" not found`);
    this.name = 'StaffGroupMissingError';
  }
}

/**
 * The channel is configured but not logged in: nothing was sent. A network error that never left,
 * so the outbox retries the alert later rather than marking it recorded or failed.
 */
export class StaffGroupNotConnectedError extends WechatNetworkError {
  constructor(label: string) {
    super(`员工微信群未连接（${label}），稍后重试`, 'no', 'wechaty');
    this.name = 'StaffGroupNotConnectedError';
  }
}

interface WechatyRoom {
  say(text: string): Promise<unknown>;
}
interface WechatyBot {
  on(event: 'scan', listener: (qrcode: string, status: number) => void): unknown;
  on(event: 'login' | 'logout', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  start(): Promise<void>;
  stop(): Promise<void>;
  Room: { find(query: { topic: string }): Promise<WechatyRoom | undefined> };
}
interface WechatyModule {
  WechatyBuilder: { build(options: { name: string; puppet: string; puppetOptions?: Record<string, unknown> }): WechatyBot };
}

/**
 * wechaty is published as ES modules only; this server is CommonJS. A real `import()` (which
 * TypeScript and swc would rewrite into `require`) loads it, and only when a group is configured.
 */
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** Waits before reconnection attempt n: 5 s, 30 s, 2 min, then every 10 min. */
const BACKOFF_MS = [5_000, 30_000, 120_000, 600_000];

export interface StaffGroupOptions {
  /** How long to wait for a login (or a QR code to scan) after starting before giving up on this attempt. */
  loginTimeoutMs?: number;
  puppetOptions?: Record<string, unknown>;
  backoffMs?: number[];
}

/**
 * Starts the staff group channel and returns it at once (null when not configured): it connects in
 * the background — `wechaty-puppet-service` with a token and endpoint in production, any puppet name
 * works (e.g. `wechaty-puppet-mock` in tests) — logs the QR login link when the account must scan,
 * and after a failed start, a login timeout or a logout, starts over with a growing wait.
 * `bot.ready()` is not used: it never resolves with the mock puppet.
 */
export function startStaffGroup(
  config: Config['wechat']['staffGroup'],
  logger: Logger,
  options: StaffGroupOptions = {},
): StaffGroup | null {
  if (!config.puppet || !config.roomTopic) {
    return null;
  }
  const topic = config.roomTopic;
  const backoff = options.backoffMs ?? BACKOFF_MS;
  const loginTimeoutMs = options.loginTimeoutMs ?? 60_000;
  let state: StaffChannelState = 'connecting';
  let since = new Date();
  let lastError: string | null = null;
  let nextRetryAt: Date | null = null;
  let bot: WechatyBot | null = null;
  let failures = 0;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let loginTimer: NodeJS.Timeout | null = null;

  const enter = (next: StaffChannelState, error: string | null = null) => {
    state = next;
    since = new Date();
    lastError = next === 'connected' ? null : (error ?? lastError);
    nextRetryAt = null;
  };

  /** Gives up on the current bot and schedules the next attempt (once, however many events say so). */
  const fail = (reason: string, current: WechatyBot | null) => {
    if (stopped || current !== bot || retryTimer) {
      return;
    }
    if (loginTimer) {
      clearTimeout(loginTimer);
      loginTimer = null;
    }
    bot = null;
    current?.stop().catch(() => undefined);
    const wait = backoff[Math.min(failures, backoff.length - 1)] ?? 600_000;
    failures += 1;
    enter('reconnecting', reason);
    nextRetryAt = new Date(Date.now() + wait);
    logger.warn({ room: topic, reason, retryInMs: wait, failures }, 'staff WeChat group not connected; alerts wait in the outbox');
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void attempt();
    }, wait);
    retryTimer.unref();
  };

  const attempt = async () => {
    if (stopped) {
      return;
    }
    enter(failures > 0 ? 'reconnecting' : 'connecting');
    let current: WechatyBot | null = null;
    try {
      const { WechatyBuilder } = (await importEsm('wechaty')) as WechatyModule;
      const puppetOptions =
        options.puppetOptions ??
        (config.puppet === 'wechaty-puppet-service' ? { token: config.token, endpoint: config.endpoint || undefined } : undefined);
      current = WechatyBuilder.build({
        name: 'water-connection-staff',
        puppet: config.puppet,
        ...(puppetOptions ? { puppetOptions } : {}),
      });
      const self = current;
      bot = self;
      self.on('scan', (qrcode, status) => {
        if (self !== bot) {
          return;
        }
        // A person must scan: no timeout while the code waits (a new attempt would only show a new code).
        if (loginTimer) {
          clearTimeout(loginTimer);
          loginTimer = null;
        }
        enter('waiting_for_scan');
        logger.warn(
          { room: topic, status, qrcode, qrcodeImage: `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}` },
          'staff WeChat group: scan the QR code with the staff account to log in',
        );
      });
      self.on('login', () => {
        if (self !== bot) {
          return;
        }
        if (loginTimer) {
          clearTimeout(loginTimer);
          loginTimer = null;
        }
        failures = 0;
        enter('connected');
        logger.info({ room: topic }, 'staff WeChat group connected');
      });
      self.on('logout', () => fail('微信账号已退出登录', self));
      self.on('error', (error) => logger.warn({ err: error }, 'wechaty error'));
      await self.start();
      if (state !== 'connected' && state !== 'waiting_for_scan') {
        loginTimer = setTimeout(() => fail('登录超时', self), loginTimeoutMs);
        loginTimer.unref();
      }
    } catch (error) {
      // `current` is null when wechaty itself could not be loaded: then `bot` is null too.
      fail(`启动失败：${error instanceof Error ? error.message : String(error)}`.slice(0, 300), current);
    }
  };

  void attempt();

  return {
    name: topic,
    status: () => ({
      state,
      label: STAFF_CHANNEL_LABELS[state],
      room: topic,
      since: since.toISOString(),
      lastError,
      nextRetryAt: nextRetryAt ? nextRetryAt.toISOString() : null,
    }),
    async send(text: string) {
      const current = bot;
      if (state !== 'connected' || !current) {
        throw new StaffGroupNotConnectedError(STAFF_CHANNEL_LABELS[state]);
      }
      const room = await current.Room.find({ topic });
      if (!room) {
        throw new StaffGroupMissingError(topic);
      }
      await room.say(text);
    },
    async stop() {
      stopped = true;
      for (const timer of [retryTimer, loginTimer]) {
        if (timer) {
          clearTimeout(timer);
        }
      }
      enter('stopped');
      const current = bot;
      bot = null;
      await current?.stop().catch(() => undefined);
    },
  };
}

// The channel of each configuration this process runs workers for (tests start several servers).
const running = new WeakMap<Config, StaffGroup>();

/** Records the channel the workers of `config` use, for /health. */
export function registerStaffGroup(config: Config, group: StaffGroup): void {
  running.set(config, group);
}

/**
 * The staff channel's state for /health and the admin: null when none is configured; `not_running`
 * when this process does not run the workers (a separate `npm run worker` process holds the channel).
 */
export function staffGroupStatus(config: Config): StaffChannelStatus | null {
  const { puppet, roomTopic } = config.wechat.staffGroup;
  if (!puppet || !roomTopic) {
    return null;
  }
  return (
    running.get(config)?.status() ?? {
      state: 'not_running',
      label: STAFF_CHANNEL_LABELS.not_running,
      room: roomTopic,
      since: new Date().toISOString(),
      lastError: null,
      nextRetryAt: null,
    }
  );
}
