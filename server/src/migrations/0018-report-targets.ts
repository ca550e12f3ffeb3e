import { DataTypes, type QueryInterface } from 'sequelize';
import { APPLICANT_KINDS, DEFAULT_REPORT_TARGETS, ROUTES } from '@wc/shared';

/**
 * 获得用水目标: per applicant kind and route, the utility's promise for each figure of the 获得用水
 * report (null: no target). Seeded with the defaults of shared/src/report/figures.ts, so the report
 * is green/red from the first day; administrators change them on the report page.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('report_targets', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    route: { type: DataTypes.STRING(16), allowNull: false },
    max_steps: { type: DataTypes.INTEGER, allowNull: true },
    max_workdays: { type: DataTypes.DECIMAL(7, 1), allowNull: true },
    max_utility_workdays: { type: DataTypes.DECIMAL(7, 1), allowNull: true },
    max_cost: { type: DataTypes.DECIMAL(14, 2), allowNull: true },
    max_documents: { type: DataTypes.INTEGER, allowNull: true },
    max_visits: { type: DataTypes.INTEGER, allowNull: true },
    updated_by_user_id: { type: DataTypes.INTEGER, allowNull: true },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('report_targets', ['kind', 'route'], { name: 'report_targets_kind_route', unique: true });
  const now = new Date();
  await qi.bulkInsert(
    'report_targets',
    APPLICANT_KINDS.flatMap((kind) =>
      ROUTES.map((route) => {
        const t = DEFAULT_REPORT_TARGETS[kind][route];
        return {
          kind,
          route,
          max_steps: t.maxSteps,
          max_workdays: t.maxWorkdays,
          max_utility_workdays: t.maxUtilityWorkdays,
          max_cost: t.maxCost,
          max_documents: t.maxDocuments,
          max_visits: t.maxVisits,
          updated_by_user_id: null,
          updated_at: now,
        };
      }),
    ),
  );
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('report_targets');
}
