import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export type UsedKeyPurpose = 'mp_login' | 'mp_bind' | 'phone' | 'oauth' | 'push_nonce' | 'push_message';

/** A value that may be used once (a WeChat login code, a push nonce), stored as a hash. */
export class WechatUsedKey extends Model<InferAttributes<WechatUsedKey>, InferCreationAttributes<WechatUsedKey>> {
  declare keyHash: string;
  declare purpose: UsedKeyPurpose;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    WechatUsedKey.init(
      {
        keyHash: { type: DataTypes.STRING(64), primaryKey: true },
        purpose: { type: DataTypes.STRING(24), allowNull: false },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'wechat_used_keys', underscored: true, updatedAt: false },
    );
  }
}
