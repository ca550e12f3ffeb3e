import { loadConfig } from '../config';
import { migrate } from '../db/migrate';
import { createSequelize } from '../db/sequelize';

/** `npm run db:migrate`: brings the configured database's schema up to date (a separate deploy step in production). */
async function main(): Promise<void> {
  const sequelize = createSequelize(loadConfig());
  const applied = await migrate(sequelize);
  await sequelize.close();
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
