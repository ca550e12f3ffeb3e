import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Residents' meters and the 立户 export (issue G6):
 * - `applications.meter`: a resident's meter recorded at construction (登记水表) as JSON
 *   (`{"number","caliber","model","initialReading"}`); enterprises' meter is on the dispatch sheet;
 * - `billing_export_columns`: for each exportable field (shared/src/billingExport.ts), the column
 *   header the billing system's import expects, whether it is exported and where. No rows: the
 *   defaults (every field under its own label); a field listed after the rows were saved is not exported.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('applications', 'meter', { type: DataTypes.TEXT, allowNull: true });
  await qi.createTable('billing_export_columns', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    field: { type: DataTypes.STRING(32), allowNull: false },
    header: { type: DataTypes.STRING(50), allowNull: false },
    included: { type: DataTypes.BOOLEAN, allowNull: false },
    position: { type: DataTypes.INTEGER, allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('billing_export_columns', ['field'], { name: 'billing_export_columns_field', unique: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('billing_export_columns');
  // Plain DROP COLUMN, as in 0012 (Sequelize's SQLite removeColumn rebuilds the table).
  await qi.sequelize.query('ALTER TABLE applications DROP COLUMN meter');
}
