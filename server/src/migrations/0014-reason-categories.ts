import { DataTypes, type QueryInterface } from 'sequelize';

const INTAKE = ['return', 'reject_dispatch'];
const DESIGN = ['reject_design', 'reject_change'];

/**
 * What a utility usually gives as its reason, each offered where it makes sense (an applicant refusing
 * a budget is not offered 材料不全); null: every reason action. The administrator renames, adds,
 * re-scopes and disables from here (系统管理 → 原因类别).
 */
const DEFAULTS: [string, string[] | null][] = [
  ['材料不全', INTAKE],
  ['材料不符合要求', INTAKE],
  ['不具备供水条件', INTAKE],
  ['预算金额有异议', [...DESIGN, 'reject_stage']],
  ['合同条款需修改', ['reject_stage']],
  ['未缴费', ['leader_reject']],
  ['设计方案需调整', [...DESIGN, 'reject_stage']],
  ['其他', null],
];

/**
 * 原因类别: the list returning, refusing and rejecting actions ask a category from, and the column
 * on the history that counts them (the entry's payload holds the same id and label, under its hash).
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('reason_categories', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    label: { type: DataTypes.STRING(30), allowNull: false },
    // JSON array of action keys; NULL: every action that asks a reason.
    actions: { type: DataTypes.TEXT, allowNull: true },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    sort_order: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('reason_categories', ['label'], { name: 'reason_categories_label', unique: true });
  const now = new Date();
  await qi.bulkInsert(
    'reason_categories',
    DEFAULTS.map(([label, actions], index) => ({
      label,
      actions: actions ? JSON.stringify(actions) : null,
      enabled: true,
      sort_order: index + 1,
      updated_at: now,
    })),
  );
  await qi.addColumn('application_history', 'reason_category_id', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addIndex('application_history', ['reason_category_id', 'at'], { name: 'application_history_reason' });
  await qi.bulkInsert('settings_versions', [{ name: 'reason_categories', version: crypto.randomUUID() }]);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.bulkDelete('settings_versions', { name: 'reason_categories' });
  await qi.removeIndex('application_history', 'application_history_reason');
  // Plain DROP COLUMN (SQLite ≥ 3.35, MariaDB): Sequelize's SQLite removeColumn rebuilds the table,
  // which its unique indexes refuse (as in 0005 and 0012).
  await qi.sequelize.query('ALTER TABLE application_history DROP COLUMN reason_category_id');
  await qi.dropTable('reason_categories');
}
