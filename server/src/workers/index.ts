import type { Logger } from 'pino';
import type { Config } from '../config';
import { pruneOneTimeKeys } from '../wechat/accounts';
import { registerStaffGroup, startStaffGroup } from '../wechat/staffGroup';
import { OutboxWorker } from './outboxWorker';
import { scanOverdue } from './overdueScanner';
import { scanReminders } from './reminderScanner';

export { OutboxWorker } from './outboxWorker';
export { scanOverdue } from './overdueScanner';
export { scanReminders } from './reminderScanner';

export interface RunningWorkers {
  outbox: OutboxWorker;
  stop(): Promise<void>;
}

/** Overdue steps are checked (and one-time keys pruned) once a minute: thresholds are hours or days. */
const SCAN_EVERY_MS = 60_000;

/**
 * Starts the background work of one process: the outbox sender, the overdue scanner and the
 * pruning of used one-time keys. Run inside the API process (`workers.inProcess`) or alone
 * (`npm run worker`); several at once are safe. The optional staff WeChat group connects (and
 * reconnects) in the background; while a configured group is not connected, staff alerts wait in
 * the outbox for it (they are in the worklist anyway).
 */
export function startWorkers(config: Config, logger: Logger): RunningWorkers {
  const group = startStaffGroup(config.wechat.staffGroup, logger);
  if (group) {
    registerStaffGroup(config, group);
  }
  const outbox = new OutboxWorker(config, { logger, staffGroup: group });
  outbox.start();

  let scanning: Promise<unknown> = Promise.resolve();
  const scan = () => {
    scanning = Promise.all([scanOverdue(), pruneOneTimeKeys(), scanReminders()]).then(
      ([raised, , reminded]) => {
        if (raised > 0) {
          logger.info({ raised }, 'overdue alerts raised');
        }
        if (reminded > 0) {
          logger.info({ reminded }, 'customer reminders queued');
        }
      },
      (error: unknown) => logger.warn({ err: error }, 'overdue scan failed'),
    );
  };
  const first = setTimeout(scan, 1_000);
  const timer = setInterval(scan, SCAN_EVERY_MS);
  first.unref();
  timer.unref();

  return {
    get outbox() {
      return outbox;
    },
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await Promise.all([outbox.stop(), scanning]);
      await group?.stop();
    },
  };
}
