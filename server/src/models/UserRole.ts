import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { STAFF_ROLES, type StaffRole } from '@wc/shared';

/** A staff role held by a user; one user may hold several. */
export class UserRole extends Model<InferAttributes<UserRole>, InferCreationAttributes<UserRole>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare role: StaffRole;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    UserRole.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        role: { type: DataTypes.STRING(32), allowNull: false, validate: { isIn: [STAFF_ROLES as unknown as string[]] } },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'user_roles', underscored: true, updatedAt: false },
    );
  }
}
