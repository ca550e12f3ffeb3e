import { DataTypes, type QueryInterface } from 'sequelize';

/** The settings every action reads, each with a version that any change replaces (see db/settingsCache.ts). */
const NAMES = ['step_settings', 'work_calendar', 'material_settings', 'utility_profile'] as const;

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('settings_versions', {
    name: { type: DataTypes.STRING(32), primaryKey: true, allowNull: false },
    version: { type: DataTypes.STRING(36), allowNull: false },
  });
  await qi.bulkInsert(
    'settings_versions',
    NAMES.map((name) => ({ name, version: crypto.randomUUID() })),
  );
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('settings_versions');
}
