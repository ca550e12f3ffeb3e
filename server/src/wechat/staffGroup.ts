import type { Logger } from 'pino';
import type { Config } from '../config';

/** Where staff alerts (new work, overdue steps) are posted besides the worklist: a WeChat group. */
export interface StaffGroup {
  /** The group's name, recorded with each delivery. */
  readonly name: string;
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

interface WechatyRoom {
  say(text: string): Promise<unknown>;
}
interface WechatyBot {
  on(event: 'login', listener: () => void): unknown;
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

/**
 * Connects to the staff group through Wechaty (`wechaty-puppet-service` with a token and endpoint
 * in production; any puppet name works, e.g. `wechaty-puppet-mock` in tests). Resolves once logged
 * in — `bot.ready()` is not used: it never resolves with the mock puppet. Null when not configured.
 */
export async function connectStaffGroup(
  config: Config['wechat']['staffGroup'],
  logger: Logger,
  options: { loginTimeoutMs?: number; puppetOptions?: Record<string, unknown> } = {},
): Promise<StaffGroup | null> {
  if (!config.puppet || !config.roomTopic) {
    return null;
  }
  const { WechatyBuilder } = (await importEsm('wechaty')) as WechatyModule;
  const puppetOptions =
    options.puppetOptions ??
    (config.puppet === 'wechaty-puppet-service' ? { token: config.token, endpoint: config.endpoint || undefined } : undefined);
  const bot = WechatyBuilder.build({ name: 'water-connection-staff', puppet: config.puppet, ...(puppetOptions ? { puppetOptions } : {}) });
  bot.on('error', (error) => logger.warn({ err: error }, 'wechaty error'));
  const loggedIn = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('wechaty login timed out')), options.loginTimeoutMs ?? 60_000);
    bot.on('login', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  await bot.start();
  await loggedIn;
  const topic = config.roomTopic;
  return {
    name: topic,
    async send(text: string) {
      const room = await bot.Room.find({ topic });
      if (!room) {
        throw new StaffGroupMissingError(topic);
      }
      await room.say(text);
    },
    stop: () => bot.stop(),
  };
}
