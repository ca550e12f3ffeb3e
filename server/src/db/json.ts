import { DataTypes, type ModelAttributeColumnOptions } from 'sequelize';

/**
 * A JSON value stored as TEXT. MariaDB's JSON is LONGTEXT and SQLite has no JSON type, so parsing
 * ourselves gives the same objects on every database.
 */
export function jsonColumn<T>(field: string, fallback: T, allowNull = true): ModelAttributeColumnOptions {
  return {
    type: DataTypes.TEXT,
    allowNull,
    get(this: { getDataValue(key: string): unknown }) {
      const raw = this.getDataValue(field);
      if (raw === null || raw === undefined || raw === '') {
        return fallback;
      }
      return typeof raw === 'string' ? (JSON.parse(raw) as T) : (raw as T);
    },
    set(this: { setDataValue(key: string, value: unknown): void }, value: unknown) {
      this.setDataValue(field, value === null || value === undefined ? null : JSON.stringify(value));
    },
  };
}
