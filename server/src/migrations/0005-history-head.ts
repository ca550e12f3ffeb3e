import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Each application holds the head of its history chain (the last entry's seq and hash). Every action
 * appends an entry and updates the application anyway: the head comes with the application's read
 * and goes out with its update, instead of a read of the history per action; and a verification
 * can now tell when the newest entries were deleted, which the chain alone cannot show.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('applications', 'history_seq', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  await qi.addColumn('applications', 'history_hash', { type: DataTypes.STRING(64), allowNull: true });
  await qi.sequelize.query(
    `UPDATE applications SET
       history_seq = COALESCE((SELECT MAX(h.seq) FROM application_history h WHERE h.application_id = applications.id), 0),
       history_hash = (SELECT h.hash FROM application_history h WHERE h.application_id = applications.id ORDER BY h.seq DESC LIMIT 1)`,
  );
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Plain DROP COLUMN (SQLite ≥ 3.35 has it): Sequelize's SQLite removeColumn rebuilds the table,
  // which the other tables' foreign keys to applications refuse.
  for (const column of ['history_hash', 'history_seq']) {
    await qi.sequelize.query(`ALTER TABLE applications DROP COLUMN ${column}`);
  }
}
