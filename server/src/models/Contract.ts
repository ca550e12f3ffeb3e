import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { OwnerStatus, StaffRole } from '@wc/shared';
import { jsonColumn } from '../db/json';

export interface ContractStageSnapshot {
  name: string;
  role: StaffRole;
}

/** The contract (合同) of an enterprise application, with the owner's own approval status. */
export class Contract extends Model<InferAttributes<Contract>, InferCreationAttributes<Contract>> {
  declare id: CreationOptional<number>;
  declare applicationId: number;
  declare number: string;
  declare name: string | null;
  declare place: string | null;
  declare partyA: string | null;
  declare partyB: string | null;
  declare amount: number | null;
  declare settlementAmount: number | null;
  declare ownerStatus: CreationOptional<OwnerStatus>;
  /** The approval stages as configured when the contract was first submitted. */
  declare stages: ContractStageSnapshot[];
  declare submittedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    const money = (field: 'amount' | 'settlementAmount') => ({
      type: DataTypes.DECIMAL(14, 2),
      allowNull: true,
      get(this: Contract): number | null {
        const raw = this.getDataValue(field) as unknown;
        return raw === null || raw === undefined ? null : Number(raw);
      },
    });
    Contract.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        applicationId: { type: DataTypes.INTEGER, allowNull: false, unique: true },
        number: { type: DataTypes.STRING(40), allowNull: false, unique: true },
        name: { type: DataTypes.STRING(100), allowNull: true },
        place: { type: DataTypes.STRING(200), allowNull: true },
        partyA: { type: DataTypes.STRING(100), allowNull: true },
        partyB: { type: DataTypes.STRING(100), allowNull: true },
        amount: money('amount'),
        settlementAmount: money('settlementAmount'),
        ownerStatus: {
          type: DataTypes.STRING(16),
          allowNull: false,
          defaultValue: 'pending',
          validate: { isIn: [['pending', 'approved', 'rejected']] },
        },
        stages: jsonColumn<ContractStageSnapshot[]>('stages', []),
        submittedAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'contracts', underscored: true },
    );
  }
}
