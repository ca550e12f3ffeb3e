import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/**
 * A WeChat user of the official account (公众号), known by the account's own openid — a different
 * id from the mini program's. `userId` links them to our account once we know who they are (web
 * login from the menu, or the same unionid as a mini-program login).
 */
export class WechatFollower extends Model<InferAttributes<WechatFollower>, InferCreationAttributes<WechatFollower>> {
  declare id: CreationOptional<number>;
  declare appId: string;
  declare openid: string;
  declare unionid: string | null;
  declare userId: number | null;
  declare subscribed: boolean;
  declare subscribedAt: Date | null;
  declare unsubscribedAt: Date | null;
  /** CreateTime of the last subscribe/unsubscribe event applied: an older, retried event is ignored. */
  declare lastEventAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    WechatFollower.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        appId: { type: DataTypes.STRING(64), allowNull: false },
        openid: { type: DataTypes.STRING(64), allowNull: false },
        unionid: { type: DataTypes.STRING(64), allowNull: true },
        userId: { type: DataTypes.INTEGER, allowNull: true },
        subscribed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        subscribedAt: { type: DataTypes.DATE(3), allowNull: true },
        unsubscribedAt: { type: DataTypes.DATE(3), allowNull: true },
        lastEventAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'wechat_followers', underscored: true },
    );
  }
}
