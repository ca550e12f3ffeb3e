import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { Channel, DispatchSheet, FlowKey, MeterRecord, StateKey, WaterType } from '@wc/shared';
import { jsonColumn } from '../db/json';
import type { Contract } from './Contract';
import type { User } from './User';

export interface PaymentRecord {
  amount: number;
  paidOn: string;
  receiptNo?: string;
}

/** A connection application (报装) and where it stands in its flow. */
export class Application extends Model<InferAttributes<Application>, InferCreationAttributes<Application>> {
  declare id: CreationOptional<number>;
  declare number: string;
  declare flow: FlowKey;
  declare channel: Channel;
  declare applicantUserId: number | null;
  declare createdByUserId: number | null;
  declare name: string;
  declare creditCode: string | null;
  declare contactName: string | null;
  declare contactPhone: string;
  declare address: string;
  declare waterAddress: string;
  declare waterType: WaterType;
  declare buildingArea: number;
  /** 用水口径 (DN) and 是否涉及外线工程, as the form gave them (null: not asked or left open). */
  declare caliber: number | null;
  declare externalWorks: boolean | null;
  declare state: StateKey;
  declare workflowVersion: number;
  /** Optimistic lock: every transition moves it on by one (UPDATE … WHERE version = ?). */
  declare version: CreationOptional<number>;
  declare stateEnteredAt: Date;
  declare dueAt: Date | null;
  /** The role that handles the current step (for contract review: the stage's role). */
  declare currentRole: string | null;
  declare currentAssigneeId: number | null;
  /** Assignees chosen for later steps (at dispatch), by state. */
  declare assignees: CreationOptional<Partial<Record<StateKey, number>>>;
  declare contractStage: number | null;
  declare hadVisaOrChange: CreationOptional<boolean>;
  declare paid: CreationOptional<boolean>;
  declare unpaidApproved: CreationOptional<boolean>;
  declare budgetTotal: number | null;
  declare finalAmount: number | null;
  declare dispatchSheet: DispatchSheet | null;
  declare payment: PaymentRecord | null;
  /** A resident's meter, recorded at construction (登记水表); enterprises' is on the dispatch sheet. */
  declare meter: CreationOptional<MeterRecord | null>;
  /** Time spent so far on the utility's own clock and waiting on the customer (finished steps). */
  declare utilityMs: CreationOptional<number>;
  declare customerMs: CreationOptional<number>;
  declare completedAt: Date | null;
  /** The head of the history chain: the last entry's seq and hash (0 and null before the first). */
  declare historySeq: CreationOptional<number>;
  declare historyHash: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare contract?: NonAttribute<Contract | null>;
  declare applicant?: NonAttribute<User | null>;
  declare currentAssignee?: NonAttribute<User | null>;

  static initModel(sequelize: Sequelize): void {
    const decimal = (field: string, precision: number, scale: number) => ({
      type: DataTypes.DECIMAL(precision, scale),
      allowNull: true,
      get(this: Application): number | null {
        const raw = this.getDataValue(field as keyof InferAttributes<Application>) as unknown;
        return raw === null || raw === undefined ? null : Number(raw);
      },
    });
    Application.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        number: { type: DataTypes.STRING(32), allowNull: false, unique: true },
        flow: { type: DataTypes.STRING(16), allowNull: false },
        channel: { type: DataTypes.STRING(16), allowNull: false },
        applicantUserId: { type: DataTypes.INTEGER, allowNull: true },
        createdByUserId: { type: DataTypes.INTEGER, allowNull: true },
        name: { type: DataTypes.STRING(100), allowNull: false },
        creditCode: { type: DataTypes.STRING(18), allowNull: true },
        contactName: { type: DataTypes.STRING(50), allowNull: true },
        contactPhone: { type: DataTypes.STRING(30), allowNull: false },
        address: { type: DataTypes.STRING(200), allowNull: false },
        waterAddress: { type: DataTypes.STRING(200), allowNull: false },
        waterType: { type: DataTypes.STRING(16), allowNull: false },
        buildingArea: { ...decimal('buildingArea', 12, 2), allowNull: false },
        caliber: { type: DataTypes.INTEGER, allowNull: true },
        externalWorks: { type: DataTypes.BOOLEAN, allowNull: true },
        state: { type: DataTypes.STRING(32), allowNull: false },
        workflowVersion: { type: DataTypes.INTEGER, allowNull: false },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        stateEnteredAt: { type: DataTypes.DATE(3), allowNull: false },
        dueAt: { type: DataTypes.DATE(3), allowNull: true },
        currentRole: { type: DataTypes.STRING(32), allowNull: true },
        currentAssigneeId: { type: DataTypes.INTEGER, allowNull: true },
        assignees: jsonColumn<Partial<Record<StateKey, number>>>('assignees', {}),
        contractStage: { type: DataTypes.INTEGER, allowNull: true },
        hadVisaOrChange: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        paid: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        unpaidApproved: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        budgetTotal: decimal('budgetTotal', 14, 2),
        finalAmount: decimal('finalAmount', 14, 2),
        dispatchSheet: jsonColumn<DispatchSheet | null>('dispatchSheet', null),
        payment: jsonColumn<PaymentRecord | null>('payment', null),
        meter: jsonColumn<MeterRecord | null>('meter', null),
        utilityMs: {
          type: DataTypes.BIGINT,
          allowNull: false,
          defaultValue: 0,
          get(this: Application) {
            return Number(this.getDataValue('utilityMs'));
          },
        },
        customerMs: {
          type: DataTypes.BIGINT,
          allowNull: false,
          defaultValue: 0,
          get(this: Application) {
            return Number(this.getDataValue('customerMs'));
          },
        },
        completedAt: { type: DataTypes.DATE(3), allowNull: true },
        historySeq: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        historyHash: { type: DataTypes.STRING(64), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'applications', underscored: true },
    );
  }
}
