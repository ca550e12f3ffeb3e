import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/**
 * One-time subscribe-message consent (一次性订阅消息) of a user for one template: each "accept" in
 * the mini program allows WeChat to deliver one message, so `remaining` counts what may still be sent.
 */
export class WechatSubscription extends Model<InferAttributes<WechatSubscription>, InferCreationAttributes<WechatSubscription>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare templateId: string;
  declare remaining: CreationOptional<number>;
  declare acceptedAt: Date | null;
  declare rejectedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    WechatSubscription.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        templateId: { type: DataTypes.STRING(128), allowNull: false },
        remaining: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        acceptedAt: { type: DataTypes.DATE(3), allowNull: true },
        rejectedAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'wechat_subscriptions', underscored: true },
    );
  }
}
