import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { SmsTemplateKey, SmsTemplateParam } from '@wc/shared';
import { jsonColumn } from '../db/json';

/** 短信模板设置: the Aliyun template one message goes out with, and what fills each of its variables. */
export class SmsTemplate extends Model<InferAttributes<SmsTemplate>, InferCreationAttributes<SmsTemplate>> {
  declare id: CreationOptional<number>;
  declare key: SmsTemplateKey;
  declare templateCode: string;
  declare params: SmsTemplateParam[];
  declare enabled: boolean;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    SmsTemplate.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        key: { type: DataTypes.STRING(40), allowNull: false, unique: true },
        templateCode: { type: DataTypes.STRING(40), allowNull: false },
        params: jsonColumn<SmsTemplateParam[]>('params', [], false),
        enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'sms_templates', underscored: true, createdAt: false },
    );
  }
}
