import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { FastTrackConditions } from '@wc/shared';
import { jsonColumn } from '../db/json';

/** 快速通道规则: when a new application takes its flow's fast route (系统管理 → 快速通道规则). */
export class FastTrackRule extends Model<InferAttributes<FastTrackRule>, InferCreationAttributes<FastTrackRule>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare enabled: boolean;
  /** 1 is tried first. */
  declare position: number;
  declare conditions: FastTrackConditions;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    FastTrackRule.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        name: { type: DataTypes.STRING(50), allowNull: false, unique: true },
        enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        position: { type: DataTypes.INTEGER, allowNull: false },
        conditions: jsonColumn<FastTrackConditions>(
          'conditions',
          { kinds: [], waterTypes: [], maxCaliber: null, noExternalWorks: false, channels: [] },
          false,
        ),
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'fast_track_rules', underscored: true },
    );
  }
}
