import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { ApplicantKind, StaffRole } from '@wc/shared';
import type { UserRole } from './UserRole';

export type UserKind = 'staff' | 'applicant';

/** A person who logs in: staff of the water company, or an applicant (enterprise or resident). */
export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare username: string;
  declare passwordHash: string | null;
  declare displayName: string;
  declare phone: string | null;
  declare kind: UserKind;
  declare applicantKind: ApplicantKind | null;
  declare enabled: CreationOptional<boolean>;
  declare failedLogins: CreationOptional<number>;
  declare lockedUntil: Date | null;
  declare tokenVersion: CreationOptional<number>;
  declare openid: string | null;
  declare unionid: string | null;
  declare privacyAgreedAt: Date | null;
  /** Progress SMS (短信) wanted; must-reach messages go regardless. */
  declare smsEnabled: CreationOptional<boolean>;
  /** The staff member's 企业微信 userid (通讯录 → 成员 → 账号), for app messages to them personally. */
  declare wecomUserId: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare roles?: NonAttribute<UserRole[]>;

  /** The staff roles of this user (loaded with `include: 'roles'`). */
  get roleKeys(): NonAttribute<StaffRole[]> {
    return (this.roles ?? []).map((r) => r.role);
  }

  static initModel(sequelize: Sequelize): void {
    User.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
        passwordHash: { type: DataTypes.STRING(255), allowNull: true },
        displayName: { type: DataTypes.STRING(100), allowNull: false },
        phone: { type: DataTypes.STRING(30), allowNull: true },
        kind: { type: DataTypes.STRING(16), allowNull: false, validate: { isIn: [['staff', 'applicant']] } },
        applicantKind: { type: DataTypes.STRING(16), allowNull: true, validate: { isIn: [['enterprise', 'resident']] } },
        enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        failedLogins: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        lockedUntil: { type: DataTypes.DATE(3), allowNull: true },
        tokenVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        openid: { type: DataTypes.STRING(64), allowNull: true, unique: true },
        unionid: { type: DataTypes.STRING(64), allowNull: true },
        privacyAgreedAt: { type: DataTypes.DATE(3), allowNull: true },
        smsEnabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        wecomUserId: { type: DataTypes.STRING(64), allowNull: true, unique: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'users', underscored: true },
    );
  }
}
