import type { Transaction } from 'sequelize';
import { Counter } from '../models';
import { services } from '../services';

/**
 * The next value of a named counter, allocated inside the caller's transaction with one atomic
 * upsert. The row lock it takes makes concurrent allocations wait for each other (one server
 * process or many); on MySQL a duplicate key in an upsert takes an exclusive lock, so even the first
 * allocation of a new day cannot deadlock. No second connection is needed, so a busy pool cannot
 * starve it.
 */
export async function nextCounterValue(name: string, t: Transaction): Promise<number> {
  const { sequelize } = services();
  const upsert =
    sequelize.getDialect() === 'mysql'
      ? 'INSERT INTO counters (name, value) VALUES (?, 1) ON DUPLICATE KEY UPDATE value = value + 1'
      : 'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1';
  await sequelize.query(upsert, { replacements: [name], transaction: t });
  const row = await Counter.findByPk(name, { transaction: t });
  if (!row) {
    throw new Error(`counter ${name} vanished`);
  }
  return row.value;
}
