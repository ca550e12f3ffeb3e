import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { StaffRole } from '@wc/shared';

/** One of the seven contract approval stages: its name and the role that approves it. */
export class ContractStageSetting extends Model<InferAttributes<ContractStageSetting>, InferCreationAttributes<ContractStageSetting>> {
  declare position: number;
  declare name: string;
  declare role: StaffRole;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    ContractStageSetting.init(
      {
        position: { type: DataTypes.INTEGER, primaryKey: true },
        name: { type: DataTypes.STRING(50), allowNull: false },
        role: { type: DataTypes.STRING(32), allowNull: false },
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'contract_stage_settings', underscored: true, createdAt: false },
    );
  }
}
