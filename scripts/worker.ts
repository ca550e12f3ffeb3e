// `npm run worker`: the background work (WeChat pushes, overdue alerts) as its own process, for
// deployments that run the API with IN_PROCESS_WORKERS=false or want more senders. Any number of
// these may run beside the API processes: rows are claimed, never shared.
import { loadConfig } from '../server/src/config';
import { migrate, pendingMigrations } from '../server/src/db/migrate';
import { createSequelize } from '../server/src/db/sequelize';
import { createLogger } from '../server/src/logger';
import { initModels } from '../server/src/models';
import { setServices } from '../server/src/services';
import { startWorkers } from '../server/src/workers';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const sequelize = createSequelize(config, logger);
  initModels(sequelize);
  setServices({ config, sequelize, logger });
  if (config.migrateOnStart) {
    await migrate(sequelize);
  } else {
    // As the API: production migrates in its own deploy step; a worker on an older schema refuses.
    const pending = await pendingMigrations(sequelize);
    if (pending.length > 0) {
      await sequelize.close();
      throw new Error(`database schema is behind (pending: ${pending.join(', ')}): run npm run db:migrate first`);
    }
  }
  const workers = startWorkers(config, logger);
  logger.info({ worker: workers.outbox.id, database: config.databaseDialect }, 'worker started');

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'worker stopping');
    workers
      .stop()
      .then(() => sequelize.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
