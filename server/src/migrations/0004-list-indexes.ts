import type { QueryInterface } from 'sequelize';

/**
 * The list's common filters at a large city's volume (a million applications): 报装类型 with a date
 * range, and "overdue, most overdue first". Without (flow, created_at) the first reads every row of
 * the kind; (due_at, id) lets the second read the index in order and stop after one page.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addIndex('applications', ['flow', 'created_at'], { name: 'applications_flow_created' });
  await qi.addIndex('applications', ['due_at', 'id'], { name: 'applications_due_id' });
  await qi.removeIndex('applications', 'applications_due');
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addIndex('applications', ['due_at'], { name: 'applications_due' });
  await qi.removeIndex('applications', 'applications_due_id');
  await qi.removeIndex('applications', 'applications_flow_created');
}
