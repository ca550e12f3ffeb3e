import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { FlowKey, StateKey } from '@wc/shared';

/** The 企业微信 group robot (a team name from WECOM_ROBOTS) that also gets a step's staff alerts. */
export class WecomStepRobot extends Model<InferAttributes<WecomStepRobot>, InferCreationAttributes<WecomStepRobot>> {
  declare id: CreationOptional<number>;
  declare flow: FlowKey;
  declare state: StateKey;
  declare robot: string;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    WecomStepRobot.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        flow: { type: DataTypes.STRING(16), allowNull: false },
        state: { type: DataTypes.STRING(32), allowNull: false },
        robot: { type: DataTypes.STRING(32), allowNull: false },
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'wecom_step_robots', underscored: true, createdAt: false },
    );
  }
}
