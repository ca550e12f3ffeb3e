import type { DeliveryOutcome } from '@wc/shared';
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** WeChat's two applicant channels, SMS (短信), 企业微信 to a person or a team's group robot, the Wechaty group. */
export type DeliveryChannel = 'mp_subscribe' | 'oa_template' | 'sms' | 'wecom_app' | 'wecom_robot' | 'staff_group';

/** What became of one attempt (declared with the API's views, which show it). */
export type { DeliveryOutcome };

/** One attempt to deliver an outbox message on one channel, recorded before the request is sent. */
export class OutboxDelivery extends Model<InferAttributes<OutboxDelivery>, InferCreationAttributes<OutboxDelivery>> {
  declare id: CreationOptional<number>;
  declare outboxId: number;
  declare attempt: number;
  declare channel: DeliveryChannel;
  declare worker: string;
  declare recipient: string | null;
  declare templateId: string | null;
  declare outcome: CreationOptional<DeliveryOutcome>;
  /** WeChat's numeric errcode. */
  declare errorCode: number | null;
  /** Another platform's string code (SMS: `isv.BUSINESS_LIMIT_CONTROL`; ours: `local_limit`, `param_too_long`…). */
  declare errorKey: string | null;
  declare errorMessage: string | null;
  declare msgId: string | null;
  declare startedAt: Date;
  declare finishedAt: Date | null;

  static initModel(sequelize: Sequelize): void {
    OutboxDelivery.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        outboxId: { type: DataTypes.INTEGER, allowNull: false },
        attempt: { type: DataTypes.INTEGER, allowNull: false },
        channel: { type: DataTypes.STRING(24), allowNull: false },
        worker: { type: DataTypes.STRING(100), allowNull: false },
        recipient: { type: DataTypes.STRING(100), allowNull: true },
        templateId: { type: DataTypes.STRING(128), allowNull: true },
        outcome: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
        errorCode: { type: DataTypes.INTEGER, allowNull: true },
        errorKey: { type: DataTypes.STRING(64), allowNull: true },
        errorMessage: { type: DataTypes.STRING(500), allowNull: true },
        msgId: { type: DataTypes.STRING(64), allowNull: true },
        startedAt: { type: DataTypes.DATE(3), allowNull: false },
        finishedAt: { type: DataTypes.DATE(3), allowNull: true },
      },
      { sequelize, tableName: 'outbox_deliveries', underscored: true, timestamps: false },
    );
  }
}
