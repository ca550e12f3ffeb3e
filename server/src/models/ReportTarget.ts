import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { ApplicantKind, Route } from '@wc/shared';

/** 获得用水目标: the utility's promise for one applicant kind on one route (null: no target). */
export class ReportTarget extends Model<InferAttributes<ReportTarget>, InferCreationAttributes<ReportTarget>> {
  declare id: CreationOptional<number>;
  declare kind: ApplicantKind;
  declare route: Route;
  declare maxSteps: number | null;
  declare maxWorkdays: number | null;
  declare maxUtilityWorkdays: number | null;
  declare maxCost: number | null;
  declare maxDocuments: number | null;
  declare maxVisits: number | null;
  declare updatedByUserId: number | null;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    // MariaDB returns DECIMAL as a string: the getter hands out numbers.
    const decimal = (field: 'maxWorkdays' | 'maxUtilityWorkdays' | 'maxCost', precision: number, scale: number) => ({
      type: DataTypes.DECIMAL(precision, scale),
      allowNull: true,
      get(this: ReportTarget): number | null {
        const raw = this.getDataValue(field) as unknown;
        return raw === null || raw === undefined ? null : Number(raw);
      },
    });
    ReportTarget.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        kind: { type: DataTypes.STRING(16), allowNull: false },
        route: { type: DataTypes.STRING(16), allowNull: false },
        maxSteps: { type: DataTypes.INTEGER, allowNull: true },
        maxWorkdays: decimal('maxWorkdays', 7, 1),
        maxUtilityWorkdays: decimal('maxUtilityWorkdays', 7, 1),
        maxCost: decimal('maxCost', 14, 2),
        maxDocuments: { type: DataTypes.INTEGER, allowNull: true },
        maxVisits: { type: DataTypes.INTEGER, allowNull: true },
        updatedByUserId: { type: DataTypes.INTEGER, allowNull: true },
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'report_targets', underscored: true, createdAt: false },
    );
  }
}
