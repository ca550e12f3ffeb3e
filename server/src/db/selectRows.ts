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

const columnLists = new WeakMap<ModelStatic<Model>, string>();

/** Every column of a model, under its attribute's name. */
function columnList(model: ModelStatic<Model>): string {
  let list = columnLists.get(model);
  if (!list) {
    const quote = (name: string) =>
      (model.sequelize!.getQueryInterface().queryGenerator as { quoteIdentifier(n: string): string }).quoteIdentifier(name);
    list = Object.entries(model.getAttributes())
      .map(([name, attribute]) => `${quote(attribute.field ?? name)} AS ${quote(name)}`)
      .join(', ');
    columnLists.set(model, list);
  }
  return list;
}

/**
 * Model instances from a hand-written `SELECT <all the model's columns> FROM <its table> <rest>`:
 * the same instances `findAll` builds (dates, numbers and JSON read alike on both databases) for
 * a third of its cost, for the rows every action reads (the application, its contract).
 */
export function selectModels<M extends Model>(
  model: ModelStatic<M>,
  rest: string,
  replacements: unknown[],
  t?: Transaction | null,
): Promise<M[]> {
  const table = (model.sequelize!.getQueryInterface().queryGenerator as { quoteTable(n: string): string }).quoteTable(
    model.getTableName().toString(),
  );
  return model.sequelize!.query(`SELECT ${columnList(model)} FROM ${table} ${rest}`, {
    replacements,
    model,
    transaction: t ?? undefined,
  });
}
