import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { ApplicantKind, MaterialCategory, MaterialMode } from '@wc/shared';

/** 申请材料设置: one paper of one applicant kind — not asked for, offered, or required. */
export class MaterialSetting extends Model<InferAttributes<MaterialSetting>, InferCreationAttributes<MaterialSetting>> {
  declare id: CreationOptional<number>;
  declare kind: ApplicantKind;
  declare category: MaterialCategory;
  declare mode: MaterialMode;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    MaterialSetting.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        kind: { type: DataTypes.STRING(16), allowNull: false },
        category: { type: DataTypes.STRING(32), allowNull: false },
        mode: { type: DataTypes.STRING(16), allowNull: false },
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'material_settings', underscored: true, createdAt: false },
    );
  }
}
