import { QueryTypes, type Model, type ModelStatic, type Sequelize, type Transaction } from 'sequelize';
import { perModel, quotedName, quotedTable } from './sqlNames';
import { forgetReads } from './transactionReads';

/**
 * Hand-written INSERT and UPDATE statements for the writes every workflow action makes (the
 * application's new state, its history entry, its notifications). Through the model, each of these
 * cost two to four times the statement itself — building, validating and cloning an instance and
 * its options (docs/decisions.md, "Where the time goes"); everything else writes through the
 * models. Values are given under the models' attribute names and stored exactly as the model
 * would store them, so the models read these rows back unchanged.
 */
type Values = object;

const valueOf = (values: Values, name: string): unknown => (values as Record<string, unknown>)[name];

interface Column {
  quoted: string;
  /** A value as the column stores it. */
  store(value: unknown): unknown;
}

const columnsOf = perModel((model) => {
  const sequelize = model.sequelize as Sequelize;
  const timezone = (sequelize as unknown as { options: { timezone?: string } }).options.timezone ?? '+00:00';
  const columns = new Map<string, Column>();
  for (const [name, attribute] of Object.entries(model.getAttributes())) {
    const field = attribute.field ?? name;
    // The model's types, already the dialect's own: dates at the column's precision and in the
    // connection's zone (a bare replacement would drop MySQL's milliseconds and break the history
    // chain's hashes).
    const type = attribute.type as { stringify?(value: unknown, options: { timezone: string }): unknown };
    // A custom setter decides what the column stores (the JSON columns' text, db/json.ts).
    const setter = attribute.set as ((this: { setDataValue(key: string, value: unknown): void }, value: unknown) => void) | undefined;
    columns.set(name, {
      quoted: quotedName(model, field),
      store(value) {
        if (value === undefined || value === null) {
          return null;
        }
        if (setter) {
          let stored: unknown = null;
          setter.call({ setDataValue: (_: string, v: unknown) => (stored = v) }, value);
          return stored;
        }
        if (value instanceof Date && type.stringify) {
          return type.stringify(value, { timezone });
        }
        return value;
      },
    });
  }
  return columns;
});

function column(model: ModelStatic<Model>, name: string): Column {
  const found = columnsOf(model).get(name);
  if (!found) {
    throw new Error(`${model.name} has no attribute ${name}`);
  }
  return found;
}

/**
 * Inserts rows (all with the same attributes) in one statement; returns the first new id (the
 * others follow it: one statement's auto-increment ids are consecutive on both databases).
 */
export async function insertRows(model: ModelStatic<Model>, rows: Values[], t: Transaction): Promise<number> {
  const names = Object.keys(rows[0] ?? {});
  if (rows.length === 0 || names.length === 0) {
    throw new Error('nothing to insert');
  }
  const columns = names.map((name) => column(model, name));
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const sql = `INSERT INTO ${quotedTable(model)} (${columns.map((c) => c.quoted).join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')}`;
  const replacements = rows.flatMap((row) => columns.map((c, i) => c.store(valueOf(row, names[i] as string))));
  forgetReads(t, model.getTableName().toString());
  const [id] = (await model.sequelize!.query(sql, { replacements, type: QueryTypes.INSERT, transaction: t })) as unknown as [
    number,
    number,
  ];
  return firstInsertId(model, id, rows.length);
}

/** MySQL reports the first id of a multi-row INSERT, SQLite the last. */
function firstInsertId(model: ModelStatic<Model>, id: number, count: number): number {
  return model.sequelize!.getDialect() === 'sqlite' ? id - count + 1 : id;
}

/**
 * `UPDATE … SET values WHERE each of where equals`; returns how many rows it changed. An undefined
 * value is left as it is (as the models do); null sets NULL.
 */
export async function updateRows(model: ModelStatic<Model>, values: Values, where: Values, t: Transaction): Promise<number> {
  const set = Object.keys(values)
    .filter((name) => valueOf(values, name) !== undefined)
    .map((name) => ({ column: column(model, name), value: valueOf(values, name) }));
  const conditions = Object.keys(where).map((name) => ({ column: column(model, name), value: valueOf(where, name) }));
  if (set.length === 0 || conditions.length === 0) {
    throw new Error('an UPDATE needs values and conditions');
  }
  const sql =
    `UPDATE ${quotedTable(model)} SET ${set.map((s) => `${s.column.quoted} = ?`).join(', ')}` +
    ` WHERE ${conditions.map((c) => `${c.column.quoted} = ?`).join(' AND ')}`;
  const replacements = [...set.map((s) => s.column.store(s.value)), ...conditions.map((c) => c.column.store(c.value))];
  forgetReads(t, model.getTableName().toString());
  const changed = await model.sequelize!.query(sql, { replacements, type: QueryTypes.BULKUPDATE, transaction: t });
  return changed as unknown as number;
}
