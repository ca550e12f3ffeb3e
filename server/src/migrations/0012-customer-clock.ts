import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * While the customer holds things up (issue G3):
 * - `step_settings.reminders`: the reminder thresholds of a customer-clock step as JSON
 *   (`[{"value":3,"unit":"workdays"},…]`); null means the shared defaults, `[]` none;
 * - `customer_reminders`: each reminder sent, unique per step visit and reminder, so however many
 *   scanners run, a reminder is written once;
 * - `utility_profiles.payment_counters`: where and how to pay besides the bank account (缴费网点).
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('step_settings', 'reminders', { type: DataTypes.TEXT, allowNull: true });
  await qi.addColumn('utility_profiles', 'payment_counters', { type: DataTypes.STRING(300), allowNull: true });
  await qi.createTable('customer_reminders', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    application_id: { type: DataTypes.INTEGER, allowNull: false },
    state: { type: DataTypes.STRING(32), allowNull: false },
    step_started_at: { type: DataTypes.DATE(3), allowNull: false },
    ordinal: { type: DataTypes.INTEGER, allowNull: false },
    outbox_id: { type: DataTypes.INTEGER, allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('customer_reminders', ['application_id', 'state', 'step_started_at', 'ordinal'], {
    name: 'customer_reminders_step_ordinal',
    unique: true,
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('customer_reminders');
  // Plain DROP COLUMN (SQLite ≥ 3.35, MariaDB): Sequelize's SQLite removeColumn rebuilds the table,
  // which its unique indexes and the other tables' foreign keys refuse (as in 0005).
  await qi.sequelize.query('ALTER TABLE utility_profiles DROP COLUMN payment_counters');
  await qi.sequelize.query('ALTER TABLE step_settings DROP COLUMN reminders');
}
