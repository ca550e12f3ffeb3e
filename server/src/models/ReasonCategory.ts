import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { ActionKey } from '@wc/shared';
import { jsonColumn } from '../db/json';

/** 原因类别: one reason a return, refusal or rejection may give (系统管理 → 原因类别). */
export class ReasonCategory extends Model<InferAttributes<ReasonCategory>, InferCreationAttributes<ReasonCategory>> {
  declare id: CreationOptional<number>;
  declare label: string;
  /** The reason actions it is offered for; null: all of them. */
  declare actions: ActionKey[] | null;
  declare enabled: boolean;
  declare sortOrder: number;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    ReasonCategory.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        label: { type: DataTypes.STRING(30), allowNull: false, unique: true },
        actions: jsonColumn<ActionKey[] | null>('actions', null),
        enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        sortOrder: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'reason_categories', underscored: true, createdAt: false },
    );
  }
}
