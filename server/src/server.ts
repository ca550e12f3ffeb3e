import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { createApp } from './app';
import type { Config } from './config';
import { migrate } from './db/migrate';
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
  await migrate(sequelize);
  await seedDefaults();
  const demo = config.seedDemo ? await seedDemo() : null;

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
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await settleBackground();
      await sequelize.close();
    },
  };
}
