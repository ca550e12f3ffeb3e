import { QueryTypes, type Model, type ModelStatic, type Transaction } from 'sequelize';
import { perModel, quotedName, quotedTable } from './sqlNames';

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

/** Every column of a model, under its attribute's name. */
const columnList = perModel((model) =>
  Object.entries(model.getAttributes())
    .map(([name, attribute]) => `${quotedName(model, attribute.field ?? name)} AS ${quotedName(model, name)}`)
    .join(', '),
);

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
  return model.sequelize!.query(`SELECT ${columnList(model)} FROM ${quotedTable(model)} ${rest}`, {
    replacements,
    model,
    transaction: t ?? undefined,
  });
}
