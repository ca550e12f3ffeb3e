import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json';

/** An audited event that is not a workflow step: user administration, exports, denied access. */
export class AuditEvent extends Model<InferAttributes<AuditEvent>, InferCreationAttributes<AuditEvent>> {
  declare id: CreationOptional<number>;
  declare actorUserId: number | null;
  declare action: string;
  declare targetType: string | null;
  declare targetId: string | null;
  declare data: Record<string, unknown>;
  declare ip: string | null;
  declare prevHash: string | null;
  declare hash: string;
  declare at: Date;

  static initModel(sequelize: Sequelize): void {
    AuditEvent.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        actorUserId: { type: DataTypes.INTEGER, allowNull: true },
        action: { type: DataTypes.STRING(60), allowNull: false },
        targetType: { type: DataTypes.STRING(40), allowNull: true },
        targetId: { type: DataTypes.STRING(64), allowNull: true },
        data: jsonColumn<Record<string, unknown>>('data', {}),
        ip: { type: DataTypes.STRING(64), allowNull: true },
        prevHash: { type: DataTypes.STRING(64), allowNull: true },
        hash: { type: DataTypes.STRING(64), allowNull: false },
        at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { sequelize, tableName: 'audit_events', underscored: true, timestamps: false },
    );
  }
}
