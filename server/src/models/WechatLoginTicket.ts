import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/**
 * A one-time, short-lived ticket that hands a web (OAuth) login to the H5 page, which exchanges it for
 * a login token. Only its hash is stored; the ticket itself travels in a URL fragment, never to a server.
 */
export class WechatLoginTicket extends Model<InferAttributes<WechatLoginTicket>, InferCreationAttributes<WechatLoginTicket>> {
  declare ticketHash: string;
  declare userId: number;
  declare expiresAt: Date;
  declare usedAt: Date | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    WechatLoginTicket.init(
      {
        ticketHash: { type: DataTypes.STRING(64), primaryKey: true },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        expiresAt: { type: DataTypes.DATE(3), allowNull: false },
        usedAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'wechat_login_tickets', underscored: true, updatedAt: false },
    );
  }
}
