import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 短信 (Aliyun SMS): templates per message, the counting windows of the send limits, the
 * platform's string error codes on delivery records (WeChat's stay numeric in `error_code`), and
 * the applicant's choice to receive progress SMS.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('sms_templates', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    key: { type: DataTypes.STRING(40), allowNull: false, unique: true },
    template_code: { type: DataTypes.STRING(40), allowNull: false },
    params: { type: DataTypes.TEXT, allowNull: false },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.createTable('sms_quotas', {
    bucket: { type: DataTypes.STRING(100), primaryKey: true, allowNull: false },
    used: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('sms_quotas', ['expires_at'], { name: 'sms_quotas_expires_at' });
  await qi.addColumn('outbox_deliveries', 'error_key', { type: DataTypes.STRING(64), allowNull: true });
  await qi.addColumn('users', 'sms_enabled', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Plain DROP COLUMN (SQLite ≥ 3.35, MariaDB): Sequelize's SQLite removeColumn rebuilds the table,
  // which the other tables' foreign keys refuse (as in 0005).
  await qi.sequelize.query('ALTER TABLE users DROP COLUMN sms_enabled');
  await qi.sequelize.query('ALTER TABLE outbox_deliveries DROP COLUMN error_key');
  await qi.dropTable('sms_quotas');
  await qi.dropTable('sms_templates');
}
