import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { FlowKey, StateKey, Threshold, ThresholdUnit } from '@wc/shared';
import { jsonColumn } from '../db/json';

/** Per step of a flow: the overdue threshold and the default assignee (set by the administrator). */
export class StepSetting extends Model<InferAttributes<StepSetting>, InferCreationAttributes<StepSetting>> {
  declare id: CreationOptional<number>;
  declare flow: FlowKey;
  declare state: StateKey;
  declare thresholdValue: number | null;
  declare thresholdUnit: ThresholdUnit;
  declare defaultAssigneeId: number | null;
  /** A customer-clock step's reminder thresholds; null: the shared defaults (DEFAULT_REMINDERS). */
  declare reminders: CreationOptional<Threshold[] | null>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    StepSetting.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        flow: { type: DataTypes.STRING(16), allowNull: false },
        state: { type: DataTypes.STRING(32), allowNull: false },
        thresholdValue: { type: DataTypes.DOUBLE, allowNull: true },
        thresholdUnit: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'hours' },
        defaultAssigneeId: { type: DataTypes.INTEGER, allowNull: true },
        reminders: jsonColumn<Threshold[] | null>('reminders', null),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'step_settings', underscored: true, createdAt: false },
    );
  }
}
