import { QueryTypes, type Model, type ModelStatic, type Transaction } from 'sequelize';

/**
 * Rows of a hand-written SELECT on a model's database, as plain objects under the columns' own
 * names. Only for the reads every request or every action makes (the login check, a transition's
 * facts and settings, the history chain head): building model instances costs three to four times
 * the query itself there (docs/decisions.md, "Where the time goes"). Everything else reads through
 * the models.
 */
export function selectRows<Row extends object>(
  model: ModelStatic<Model>,
  sql: string,
  replacements: unknown[],
  t?: Transaction | null,
): Promise<Row[]> {
  return model.sequelize!.query<Row>(sql, { replacements, type: QueryTypes.SELECT, transaction: t ?? undefined });
}
