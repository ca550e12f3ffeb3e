import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** The one row (id 1) of the utility's own details, as the administrator saved them. */
export class UtilityProfile extends Model<InferAttributes<UtilityProfile>, InferCreationAttributes<UtilityProfile>> {
  declare id: number;
  declare name: string;
  declare shortName: string | null;
  declare address: string | null;
  declare phone: string | null;
  declare bankName: string | null;
  declare bankAccount: string | null;
  declare accountName: string | null;
  declare contractPartyB: string | null;
  /** Where and how to pay besides the bank account (缴费网点, hours), shown to the applicant at 缴费. */
  declare paymentCounters: CreationOptional<string | null>;
  /** Storage keys of the images (under `settings/`), their content types and hashes (the URLs' versions). */
  declare sealKey: string | null;
  declare sealMime: string | null;
  declare sealSha256: string | null;
  declare logoKey: string | null;
  declare logoMime: string | null;
  declare logoSha256: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    const text = (length: number) => ({ type: DataTypes.STRING(length), allowNull: true });
    UtilityProfile.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true },
        name: { type: DataTypes.STRING(60), allowNull: false },
        shortName: text(20),
        address: text(120),
        phone: text(30),
        bankName: text(60),
        bankAccount: text(30),
        accountName: text(60),
        contractPartyB: text(100),
        paymentCounters: text(300),
        sealKey: text(200),
        sealMime: text(40),
        sealSha256: text(64),
        logoKey: text(200),
        logoMime: text(40),
        logoSha256: text(64),
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'utility_profiles', underscored: true },
    );
  }
}
