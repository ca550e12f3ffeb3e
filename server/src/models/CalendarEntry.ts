import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { CalendarEntryKind } from '@wc/shared';

/** One day of the utility's working-day calendar: 放假 or 调休上班 (entered by an administrator). */
export class CalendarEntry extends Model<InferAttributes<CalendarEntry>, InferCreationAttributes<CalendarEntry>> {
  declare id: CreationOptional<number>;
  /** `YYYY-MM-DD`, China calendar day. */
  declare date: string;
  declare kind: CalendarEntryKind;
  declare name: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    CalendarEntry.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        date: { type: DataTypes.STRING(10), allowNull: false, unique: true },
        kind: { type: DataTypes.STRING(16), allowNull: false },
        name: { type: DataTypes.STRING(40), allowNull: false, defaultValue: '' },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'work_calendar_entries', underscored: true },
    );
  }
}
