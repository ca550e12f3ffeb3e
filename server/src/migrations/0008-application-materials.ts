import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 申请材料设置: per applicant kind and paper, whether the application form asks for it
 * (off / optional / required). A missing row means the default in shared/src/materials.ts.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('material_settings', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    category: { type: DataTypes.STRING(32), allowNull: false },
    mode: { type: DataTypes.STRING(16), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('material_settings', ['kind', 'category'], { name: 'material_settings_kind_category', unique: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('material_settings');
}
