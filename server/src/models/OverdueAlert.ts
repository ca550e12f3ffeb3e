import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** 即将超时 (80 % of the time allowed), 办理超时, 超时升级 (to 领导, a day overdue). */
export type OverdueAlertKind = 'due_soon' | 'overdue' | 'escalated';

/** A step's deadline alert that has been raised; unique per step and kind, so each is raised once. */
export class OverdueAlert extends Model<InferAttributes<OverdueAlert>, InferCreationAttributes<OverdueAlert>> {
  declare id: CreationOptional<number>;
  declare applicationId: number;
  declare state: string;
  declare stepStartedAt: Date;
  declare outboxId: number | null;
  declare kind: CreationOptional<OverdueAlertKind>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    OverdueAlert.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        applicationId: { type: DataTypes.INTEGER, allowNull: false },
        state: { type: DataTypes.STRING(32), allowNull: false },
        stepStartedAt: { type: DataTypes.DATE(3), allowNull: false },
        outboxId: { type: DataTypes.INTEGER, allowNull: true },
        kind: {
          type: DataTypes.STRING(16),
          allowNull: false,
          defaultValue: 'overdue',
          validate: { isIn: [['due_soon', 'overdue', 'escalated']] },
        },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'overdue_alerts', underscored: true, updatedAt: false },
    );
  }
}
