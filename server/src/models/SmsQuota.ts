import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/**
 * One counting window of the SMS limits: `bucket` names the scope and the window
 * (`p:<phone hash>:m:202612071013`, `t:d:20261207`), `used` how many sends it has granted.
 * Taken with a conditional UPDATE, so concurrent senders never exceed a limit.
 */
export class SmsQuota extends Model<InferAttributes<SmsQuota>, InferCreationAttributes<SmsQuota>> {
  declare bucket: string;
  declare used: number;
  /** When the window ends; rows past it are swept. */
  declare expiresAt: Date;

  static initModel(sequelize: Sequelize): void {
    SmsQuota.init(
      {
        bucket: { type: DataTypes.STRING(100), primaryKey: true },
        used: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        expiresAt: { type: DataTypes.DATE(3), allowNull: false },
      },
      { sequelize, tableName: 'sms_quotas', underscored: true, timestamps: false },
    );
  }
}
