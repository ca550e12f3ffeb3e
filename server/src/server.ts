import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { createApp } from './app';
import { calendarStatus } from './commands/calendar';
import { warnIfPdfFontMissing } from './commands/dossier/font';
import type { Config } from './config';
import { migrate, pendingMigrations } from './db/migrate';
import { createSequelize } from './db/sequelize';
import { createLogger } from './logger';
import { initModels } from './models';
import { seedDemo, type DemoAccounts } from './seed/demo';
import { seedDefaults } from './seed/defaults';
import { setServices, type Services } from './services';
import { createStorage, setStorage } from './storage';
import { startUploadSweeper } from './jobs/uploadSweeper';
import { startWorkers } from './workers';
import { settleBackground } from './wechat/background';

export interface RunningServer {
  server: Server;
  services: Services;
  port: number;
  demo: DemoAccounts | null;
  close(): Promise<void>;
}

/** Opens the database, migrates it, seeds defaults (and demo data into an empty database), and listens. */
export async function startServer(config: Config, options: { logger?: Logger; listen?: boolean } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const sequelize = createSequelize(config, logger);
  initModels(sequelize);
  const services: Services = { config, sequelize, logger };
  setServices(services);
  setStorage(createStorage(config));
  if (config.migrateOnStart) {
    await migrate(sequelize);
  } else {
    // Production runs `npm run db:migrate` as its own deploy step; a server on an older schema
    // would fail on its first query, so it refuses to start instead.
    const pending = await pendingMigrations(sequelize);
    if (pending.length > 0) {
      await sequelize.close();
      throw new Error(`database schema is behind (pending: ${pending.join(', ')}): run npm run db:migrate first`);
    }
  }
  await seedDefaults();
  const demo = config.seedDemo ? await seedDemo() : null;
  const calendar = await calendarStatus(new Date());
  if (calendar.warning) {
    logger.warn({ lastCoveredYear: calendar.lastCoveredYear }, calendar.warning);
  }
  warnIfPdfFontMissing(config, logger);

  const stopSweeper = config.workers.inProcess ? startUploadSweeper(logger) : () => undefined;
  const workers = config.workers.inProcess ? startWorkers(config, logger) : null;
  const app = createApp(services);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.listen === false ? 0 : config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  // Slow clients must not hold sockets forever; large uploads stream well within these limits.
  server.requestTimeout = 30 * 60 * 1000;
  server.headersTimeout = 60 * 1000;
  server.keepAliveTimeout = 65 * 1000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    server,
    services,
    port,
    demo,
    async close() {
      stopSweeper();
      await workers?.stop();
      // In-flight requests may finish; a client that stopped reading does not hold the shutdown.
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), 10_000);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
      });
      server.closeAllConnections();
      await settleBackground();
      await sequelize.close();
    },
  };
}
