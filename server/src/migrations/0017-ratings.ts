import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 服务评价 (issue G6): one rating per application, by its applicant, once it is completed. Kept out
 * of the hash-chained history: a rating is not a workflow step and changes nothing about the work.
 * Indexed by time for the dashboard's window.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('ratings', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    application_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'applications', key: 'id' } },
    applicant_user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' } },
    score: { type: DataTypes.TINYINT, allowNull: false },
    comment: { type: DataTypes.STRING(500), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('ratings', ['application_id'], { name: 'ratings_application', unique: true });
  await qi.addIndex('ratings', ['created_at'], { name: 'ratings_created_at' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('ratings');
}
