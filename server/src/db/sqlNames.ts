import type { Model, ModelStatic } from 'sequelize';

interface Quoting {
  quoteIdentifier(name: string): string;
  quoteTable(name: string): string;
}

const quoting = (model: ModelStatic<Model>) => model.sequelize!.getQueryInterface().queryGenerator as Quoting;

/** A column or alias name as the model's database quotes it (`current_role` is a keyword on MariaDB). */
export function quotedName(model: ModelStatic<Model>, name: string): string {
  return quoting(model).quoteIdentifier(name);
}

/** The model's table as its database quotes it. */
export function quotedTable(model: ModelStatic<Model>): string {
  return quoting(model).quoteTable(model.getTableName().toString());
}

/**
 * What is worked out once per model from its attributes (column lists, value converters), kept
 * for as long as the model stays bound to the same database (tests bind models afresh).
 */
export function perModel<T>(compute: (model: ModelStatic<Model>) => T): (model: ModelStatic<Model>) => T {
  const known = new WeakMap<ModelStatic<Model>, { bound: unknown; value: T }>();
  return (model) => {
    const entry = known.get(model);
    if (entry && entry.bound === model.sequelize) {
      return entry.value;
    }
    const value = compute(model);
    known.set(model, { bound: model.sequelize, value });
    return value;
  };
}
