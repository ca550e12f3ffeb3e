import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** An overdue step that has been announced to its handler; unique per step, so announced once. */
export class OverdueAlert extends Model<InferAttributes<OverdueAlert>, InferCreationAttributes<OverdueAlert>> {
  declare id: CreationOptional<number>;
  declare applicationId: number;
  declare state: string;
  declare stepStartedAt: Date;
  declare outboxId: number | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    OverdueAlert.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        applicationId: { type: DataTypes.INTEGER, allowNull: false },
        state: { type: DataTypes.STRING(32), allowNull: false },
        stepStartedAt: { type: DataTypes.DATE(3), allowNull: false },
        outboxId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'overdue_alerts', underscored: true, updatedAt: false },
    );
  }
}
