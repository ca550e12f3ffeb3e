import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** Named counters (daily application numbers, yearly contract numbers), incremented under a row lock. */
export class Counter extends Model<InferAttributes<Counter>, InferCreationAttributes<Counter>> {
  declare name: string;
  declare value: number;

  static initModel(sequelize: Sequelize): void {
    Counter.init(
      {
        name: { type: DataTypes.STRING(64), primaryKey: true },
        value: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      },
      { sequelize, tableName: 'counters', underscored: true, timestamps: false },
    );
  }
}
