import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The utility's own working-day calendar: statutory holidays (放假) and make-up working days
 * (调休上班) the administrator enters, one row per day. chinese-days' data ends with the last year
 * its maintainers published; entered rows extend it and override it where the utility knows better.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('work_calendar_entries', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    // `YYYY-MM-DD` text, not DATE: both drivers hand it back unchanged, with no time zone to shift it.
    date: { type: DataTypes.STRING(10), allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    name: { type: DataTypes.STRING(40), allowNull: false, defaultValue: '' },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('work_calendar_entries', ['date'], { name: 'work_calendar_entries_date', unique: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('work_calendar_entries');
}
