import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** The first reply to a request sent with an `Idempotency-Key`, replayed for repeats. */
export class IdempotencyKey extends Model<InferAttributes<IdempotencyKey>, InferCreationAttributes<IdempotencyKey>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare idemKey: string;
  declare method: string;
  declare path: string;
  declare requestHash: string;
  declare statusCode: number | null;
  declare responseBody: string | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    IdempotencyKey.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        idemKey: { type: DataTypes.STRING(100), allowNull: false },
        method: { type: DataTypes.STRING(8), allowNull: false },
        path: { type: DataTypes.STRING(255), allowNull: false },
        requestHash: { type: DataTypes.STRING(64), allowNull: false },
        statusCode: { type: DataTypes.INTEGER, allowNull: true },
        responseBody: { type: DataTypes.TEXT, allowNull: true },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'idempotency_keys', underscored: true, updatedAt: false },
    );
  }
}
