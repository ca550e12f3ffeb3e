import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 快速通道 (issue G6):
 * - `applications.caliber` (用水口径, DN) and `applications.external_works` (是否涉及外线工程): what the
 *   rules look at; NULL for applications made before the form asked (they never match a rule on it);
 * - `fast_track_rules`: the administrator's rules, tried in `position` order; none is created, so
 *   every application keeps the standard route until an administrator adds and enables one;
 * - the rules' row in `settings_versions`: every new application reads them (db/settingsCache.ts).
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('applications', 'caliber', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('applications', 'external_works', { type: DataTypes.BOOLEAN, allowNull: true });
  await qi.createTable('fast_track_rules', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    name: { type: DataTypes.STRING(50), allowNull: false },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    position: { type: DataTypes.INTEGER, allowNull: false },
    // JSON, validated by fastTrackConditionsSchema on the way in and out.
    conditions: { type: DataTypes.TEXT, allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('fast_track_rules', ['name'], { name: 'fast_track_rules_name', unique: true });
  await qi.bulkInsert('settings_versions', [{ name: 'fast_track_rules', version: crypto.randomUUID() }]);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.bulkDelete('settings_versions', { name: 'fast_track_rules' });
  await qi.dropTable('fast_track_rules');
  // Plain DROP COLUMN, as in 0012: Sequelize's SQLite removeColumn rebuilds the table.
  await qi.sequelize.query('ALTER TABLE applications DROP COLUMN external_works');
  await qi.sequelize.query('ALTER TABLE applications DROP COLUMN caliber');
}
