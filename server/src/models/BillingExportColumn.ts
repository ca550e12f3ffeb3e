import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { BillingField } from '@wc/shared';

/** 立户导出设置: one exportable field's column header in the billing system, whether exported, its place. */
export class BillingExportColumn extends Model<InferAttributes<BillingExportColumn>, InferCreationAttributes<BillingExportColumn>> {
  declare id: CreationOptional<number>;
  declare field: BillingField;
  declare header: string;
  declare included: boolean;
  declare position: number;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    BillingExportColumn.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        field: { type: DataTypes.STRING(32), allowNull: false },
        header: { type: DataTypes.STRING(50), allowNull: false },
        included: { type: DataTypes.BOOLEAN, allowNull: false },
        position: { type: DataTypes.INTEGER, allowNull: false },
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'billing_export_columns', underscored: true, createdAt: false },
    );
  }
}
