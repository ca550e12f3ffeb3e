import type { Logger } from 'pino';
import type { Config } from '../config';
import { pruneOneTimeKeys } from '../wechat/accounts';
import { connectStaffGroup, type StaffGroup } from '../wechat/staffGroup';
import { OutboxWorker } from './outboxWorker';
import { scanOverdue } from './overdueScanner';

export { OutboxWorker } from './outboxWorker';
export { scanOverdue } from './overdueScanner';

export interface RunningWorkers {
  outbox: OutboxWorker;
  stop(): Promise<void>;
}

/** Overdue steps are checked (and one-time keys pruned) once a minute: thresholds are hours or days. */
const SCAN_EVERY_MS = 60_000;

/**
 * Starts the background work of one process: the outbox sender, the overdue scanner and the
 * pruning of used one-time keys. Run inside the API process (`workers.inProcess`) or alone
 * (`npm run worker`); several at once are safe. The staff WeChat group connects in the background:
 * until (or unless) it does, staff alerts stay in the worklist only.
 */
export function startWorkers(config: Config, logger: Logger): RunningWorkers {
  let group: StaffGroup | null = null;
  let outbox = new OutboxWorker(config, { logger });
  outbox.start();
  let stopping = false;

  if (config.wechat.staffGroup.puppet) {
    connectStaffGroup(config.wechat.staffGroup, logger).then(
      async (connected) => {
        if (!connected || stopping) {
          await connected?.stop();
          return;
        }
        group = connected;
        // Swap in a sender that posts staff alerts to the group.
        await outbox.stop();
        outbox = new OutboxWorker(config, { logger, staffGroup: group });
        outbox.start();
        logger.info({ room: group.name }, 'staff WeChat group connected');
      },
      (error: unknown) => logger.warn({ err: error }, 'staff WeChat group unavailable; alerts stay in the worklist'),
    );
  }

  let scanning: Promise<unknown> = Promise.resolve();
  const scan = () => {
    scanning = Promise.all([scanOverdue(), pruneOneTimeKeys()]).then(
      ([raised]) => {
        if (raised > 0) {
          logger.info({ raised }, 'overdue alerts raised');
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
      stopping = true;
      clearTimeout(first);
      clearInterval(timer);
      await Promise.all([outbox.stop(), scanning]);
      await group?.stop();
    },
  };
}
