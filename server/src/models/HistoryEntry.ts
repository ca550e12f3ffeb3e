import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Clock, StateKey } from '@wc/shared';
import { jsonColumn } from '../db/json';

/**
 * One entry of an application's history (报装记录). Append-only: written once by the transition
 * command, never updated; each entry holds the hash of the previous one of its application.
 */
export class HistoryEntry extends Model<InferAttributes<HistoryEntry>, InferCreationAttributes<HistoryEntry>> {
  declare id: CreationOptional<number>;
  declare applicationId: number;
  declare seq: number;
  declare action: string;
  declare actionLabel: string;
  declare fromState: StateKey | null;
  declare toState: StateKey;
  declare actorUserId: number | null;
  declare actorRole: string | null;
  declare actorName: string | null;
  declare comment: string | null;
  declare attachmentIds: number[];
  declare payload: Record<string, unknown>;
  /** When the step that this entry ends began. */
  declare stepStartedAt: Date | null;
  declare durationMs: number;
  /** Whose clock ran during that step. */
  declare clock: Clock;
  /** False for records (a visa, an owner decision) that did not end the step. */
  declare newStep: boolean;
  /** The 原因类别 a return or rejection chose (also in the payload, under the hash): counted by the dashboard. */
  declare reasonCategoryId: CreationOptional<number | null>;
  declare prevHash: string | null;
  declare hash: string;
  declare at: Date;

  static initModel(sequelize: Sequelize): void {
    HistoryEntry.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        applicationId: { type: DataTypes.INTEGER, allowNull: false },
        seq: { type: DataTypes.INTEGER, allowNull: false },
        action: { type: DataTypes.STRING(40), allowNull: false },
        actionLabel: { type: DataTypes.STRING(60), allowNull: false },
        fromState: { type: DataTypes.STRING(32), allowNull: true },
        toState: { type: DataTypes.STRING(32), allowNull: false },
        actorUserId: { type: DataTypes.INTEGER, allowNull: true },
        actorRole: { type: DataTypes.STRING(32), allowNull: true },
        actorName: { type: DataTypes.STRING(100), allowNull: true },
        comment: { type: DataTypes.TEXT, allowNull: true },
        attachmentIds: jsonColumn<number[]>('attachmentIds', []),
        payload: jsonColumn<Record<string, unknown>>('payload', {}),
        stepStartedAt: { type: DataTypes.DATE(3), allowNull: true },
        durationMs: {
          type: DataTypes.BIGINT,
          allowNull: false,
          defaultValue: 0,
          get(this: HistoryEntry) {
            return Number(this.getDataValue('durationMs'));
          },
        },
        clock: { type: DataTypes.STRING(16), allowNull: false },
        newStep: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        reasonCategoryId: { type: DataTypes.INTEGER, allowNull: true },
        prevHash: { type: DataTypes.STRING(64), allowNull: true },
        hash: { type: DataTypes.STRING(64), allowNull: false },
        at: { type: DataTypes.DATE(3), allowNull: false },
      },
      { sequelize, tableName: 'application_history', underscored: true, timestamps: false },
    );
  }
}
