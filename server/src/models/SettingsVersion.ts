import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/**
 * One row per cached setting (步骤设置, 工作日历, 申请材料设置, 单位信息): `version` is a new random
 * value whenever the setting changes, written in the changing transaction (db/settingsCache.ts).
 */
export class SettingsVersion extends Model<InferAttributes<SettingsVersion>, InferCreationAttributes<SettingsVersion>> {
  declare name: string;
  declare version: string;

  static initModel(sequelize: Sequelize): void {
    SettingsVersion.init(
      {
        name: { type: DataTypes.STRING(32), primaryKey: true },
        version: { type: DataTypes.STRING(36), allowNull: false },
      },
      { sequelize, tableName: 'settings_versions', underscored: true, timestamps: false },
    );
  }
}
