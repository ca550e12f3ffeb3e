import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/**
 * A reminder sent to the customer while a customer-clock step waited (催办提醒): the `ordinal`-th
 * threshold of that visit to the step. Unique per visit and ordinal, so each is sent once.
 */
export class CustomerReminder extends Model<InferAttributes<CustomerReminder>, InferCreationAttributes<CustomerReminder>> {
  declare id: CreationOptional<number>;
  declare applicationId: number;
  declare state: string;
  declare stepStartedAt: Date;
  /** 1 for the first threshold of the step's reminders, 2 for the second… */
  declare ordinal: number;
  declare outboxId: number | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    CustomerReminder.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        applicationId: { type: DataTypes.INTEGER, allowNull: false },
        state: { type: DataTypes.STRING(32), allowNull: false },
        stepStartedAt: { type: DataTypes.DATE(3), allowNull: false },
        ordinal: { type: DataTypes.INTEGER, allowNull: false },
        outboxId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'customer_reminders', underscored: true, updatedAt: false },
    );
  }
}
