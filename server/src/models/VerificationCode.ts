import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { VerificationPurpose } from '@wc/shared';

/** One SMS verification code (短信验证码): its keyed hash, its tries, when it expires and was used. */
export class VerificationCode extends Model<InferAttributes<VerificationCode>, InferCreationAttributes<VerificationCode>> {
  declare id: CreationOptional<number>;
  declare purpose: VerificationPurpose;
  declare phone: string;
  declare target: string;
  declare codeHash: string;
  declare attempts: CreationOptional<number>;
  declare delivered: boolean;
  declare ip: string | null;
  declare expiresAt: Date;
  declare usedAt: Date | null;
  declare createdAt: Date;

  static initModel(sequelize: Sequelize): void {
    VerificationCode.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        purpose: { type: DataTypes.STRING(16), allowNull: false, validate: { isIn: [['register', 'reset_password', 'claim']] } },
        phone: { type: DataTypes.STRING(20), allowNull: false },
        target: { type: DataTypes.STRING(40), allowNull: false, defaultValue: '' },
        codeHash: { type: DataTypes.STRING(64), allowNull: false },
        attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        delivered: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        ip: { type: DataTypes.STRING(64), allowNull: true },
        expiresAt: { type: DataTypes.DATE(3), allowNull: false },
        usedAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false },
      },
      { sequelize, tableName: 'verification_codes', underscored: true, timestamps: false },
    );
  }
}
