import { QueryTypes, type Model, type ModelAttributeColumnOptions, type ModelStatic, type Transaction } from 'sequelize';
import { perModel, quotedName, quotedTable } from './sqlNames';

type Convert = (value: unknown) => unknown;

/** What a column's getter sees as `this`: only its own value (see `readerOf`). */
interface GetterThis {
  getDataValue(key: string): unknown;
}

/**
 * A date as the SQLite dialect stores it ('2026-11-29 08:30:00.123 +00:00'), read as Sequelize's
 * SQLite dialect reads it for the models: a value without an offset is in the connection's zone.
 */
function sqliteDate(value: string, timezone: string): Date {
  return new Date(/[+-]\d\d:?\d\d$|Z$/.test(value) ? value : `${value} ${timezone}`);
}

/**
 * How one attribute's column is read into what the model gives: its type first, as the dialect
 * parses it for the models (MariaDB's driver already returns dates as `Date`; SQLite returns the
 * stored text), then the attribute's own getter (the JSON columns' parsing, the BIGINT and DECIMAL
 * columns' `Number`). Null stays null, as the models give it to their getters.
 */
function readerOf(model: ModelStatic<Model>, name: string, attribute: ModelAttributeColumnOptions, timezone: string): Convert | null {
  const key = (attribute.type as { key?: unknown } | undefined)?.key;
  const getter = attribute.get as ((this: GetterThis) => unknown) | undefined;
  let parse: Convert | null = null;
  if (key === 'BOOLEAN') {
    // TINYINT(1) on MariaDB and INTEGER on SQLite both arrive as 1/0.
    parse = (value) => (typeof value === 'number' ? value !== 0 : value);
  } else if (key === 'DATE') {
    parse = (value) => (typeof value === 'string' ? sqliteDate(value, timezone) : value);
  }
  if (!getter) {
    return parse;
  }
  return (value) => {
    const parsed = parse && value !== null ? parse(value) : value;
    return getter.call({
      getDataValue(asked: string): unknown {
        // Our getters read only their own column; one reading another could not be served from a
        // row that may not hold that column, so it fails here rather than returning a wrong value.
        if (asked !== name) {
          throw new Error(`${model.name}.${name}'s getter reads ${asked}: selectRows cannot apply it`);
        }
        return parsed;
      },
    });
  };
}

/**
 * For every attribute that needs one, the reader of its column, under the column's name and under
 * the attribute's (a SELECT may alias a column to its attribute's name).
 */
const readersOf = perModel((model) => {
  const sequelize = model.sequelize as unknown as { options: { timezone?: string } };
  const timezone = sequelize.options.timezone ?? '+00:00';
  const readers = new Map<string, Convert>();
  for (const [name, attribute] of Object.entries(model.getAttributes())) {
    const reader = readerOf(model, name, attribute, timezone);
    if (reader) {
      readers.set(name, reader);
      readers.set(attribute.field ?? name, reader);
    }
  }
  return readers;
});

/**
 * Rows of a hand-written SELECT on a model's database, as plain objects under the columns' own
 * names. Only for the reads every request or every action makes (the login check, a transition's
 * facts and settings): building model instances costs three to four times the query itself there
 * (docs/decisions.md, "Where the time goes"). Everything else reads through the models.
 *
 * A column named after one of the model's attributes (by its column or its attribute name) is read
 * as the model reads it, so every database gives the same JavaScript values: booleans as booleans
 * (both drivers give 1/0), dates as `Date` (SQLite gives the stored text), JSON columns as objects,
 * BIGINT and DECIMAL columns as numbers. Other columns (a joined table's) come as the driver gives
 * them: name them after no attribute of `model` unless they are that attribute.
 */
export async function selectRows<Row extends object>(
  model: ModelStatic<Model>,
  sql: string,
  replacements: unknown[],
  t?: Transaction | null,
): Promise<Row[]> {
  const rows = await model.sequelize!.query<Record<string, unknown>>(sql, {
    replacements,
    type: QueryTypes.SELECT,
    transaction: t ?? undefined,
  });
  const readers = readersOf(model);
  for (const row of rows) {
    for (const column of Object.keys(row)) {
      const read = readers.get(column);
      if (read) {
        row[column] = read(row[column]);
      }
    }
  }
  return rows as Row[];
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
