import { loadConfig } from '../config';
import { createSequelize } from '../db/sequelize';
import { createLogger } from '../logger';
import { initModels } from '../models';
import { setServices } from '../services';
import { verifyChains } from '../commands/integrity';

/** `npm run audit:verify`: checks the hash chains of the history and audit tables; exit 1 on any break. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('warn');
  const sequelize = createSequelize(config);
  initModels(sequelize);
  setServices({ config, sequelize, logger });
  const { checked, problems } = await verifyChains();
  await sequelize.close();
  for (const p of problems) {
    process.stdout.write(`BROKEN ${p.table} id=${p.id}${p.applicationId ? ` application=${p.applicationId}` : ''} (${p.problem})\n`);
  }
  process.stdout.write(`checked ${checked} rows, ${problems.length} problems\nRESULT checked=${checked} problems=${problems.length}\n`);
  process.exit(problems.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
