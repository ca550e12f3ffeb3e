import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 企业微信 for staff: each staff member's WeCom userid (用户管理), the group robot (by team name,
 * its key in the environment) chosen per step (流程步骤设置), and two more alerts per step beside
 * 办理超时 — 即将超时 at 80 % of the time allowed and 超时升级 to 领导 a day after — each raised once:
 * the kind joins the unique index that decides which scanner's insert wins.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('users', 'wecom_user_id', { type: DataTypes.STRING(64), allowNull: true });
  await qi.addIndex('users', ['wecom_user_id'], { unique: true, name: 'users_wecom_user_id' });

  await qi.createTable('wecom_step_robots', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    flow: { type: DataTypes.STRING(16), allowNull: false },
    state: { type: DataTypes.STRING(32), allowNull: false },
    robot: { type: DataTypes.STRING(32), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('wecom_step_robots', ['flow', 'state'], { unique: true, name: 'wecom_step_robots_step' });

  await qi.addColumn('overdue_alerts', 'kind', { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'overdue' });
  // The new index first: MariaDB keeps an index on application_id for its foreign key.
  await qi.addIndex('overdue_alerts', ['application_id', 'state', 'step_started_at', 'kind'], {
    unique: true,
    name: 'overdue_alerts_step_kind',
  });
  await qi.removeIndex('overdue_alerts', 'overdue_alerts_step');
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.bulkDelete('overdue_alerts', { kind: ['due_soon', 'escalated'] });
  await qi.addIndex('overdue_alerts', ['application_id', 'state', 'step_started_at'], { unique: true, name: 'overdue_alerts_step' });
  await qi.removeIndex('overdue_alerts', 'overdue_alerts_step_kind');
  // Plain DROP COLUMN (SQLite ≥ 3.35, MariaDB): Sequelize's SQLite removeColumn rebuilds the table,
  // which the other tables' foreign keys refuse (as in 0005).
  await qi.sequelize.query('ALTER TABLE overdue_alerts DROP COLUMN kind');
  await qi.dropTable('wecom_step_robots');
  await qi.removeIndex('users', 'users_wecom_user_id');
  await qi.sequelize.query('ALTER TABLE users DROP COLUMN wecom_user_id');
}
