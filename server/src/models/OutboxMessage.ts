import type { NotificationStatus } from '@wc/shared';
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json';

/** Declared with the API's views: the admin's page of sent notifications shows it as it is. */
export type OutboxStatus = NotificationStatus;

/**
 * A notification to deliver, written in the same transaction as the change it reports, so that a
 * committed change is never left unannounced and a rolled-back one is never announced.
 */
export class OutboxMessage extends Model<InferAttributes<OutboxMessage>, InferCreationAttributes<OutboxMessage>> {
  declare id: CreationOptional<number>;
  declare applicationId: number | null;
  declare historyId: number | null;
  declare event: string;
  declare audience: 'applicant' | 'staff';
  declare recipientUserId: number | null;
  declare payload: Record<string, unknown>;
  declare status: CreationOptional<OutboxStatus>;
  declare channel: string | null;
  declare attempts: CreationOptional<number>;
  declare nextAttemptAt: Date;
  declare lockedBy: string | null;
  declare lockedUntil: Date | null;
  declare lastError: string | null;
  declare sentAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    OutboxMessage.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        applicationId: { type: DataTypes.INTEGER, allowNull: true },
        historyId: { type: DataTypes.INTEGER, allowNull: true },
        event: { type: DataTypes.STRING(40), allowNull: false },
        audience: { type: DataTypes.STRING(16), allowNull: false },
        recipientUserId: { type: DataTypes.INTEGER, allowNull: true },
        payload: jsonColumn<Record<string, unknown>>('payload', {}),
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
        channel: { type: DataTypes.STRING(24), allowNull: true },
        attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        nextAttemptAt: { type: DataTypes.DATE(3), allowNull: false },
        lockedBy: { type: DataTypes.STRING(64), allowNull: true },
        lockedUntil: { type: DataTypes.DATE(3), allowNull: true },
        lastError: { type: DataTypes.TEXT, allowNull: true },
        sentAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'outbox', underscored: true },
    );
  }
}
