import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The utility's own details (单位信息): one row, id 1, printed on every form and shown in the H5
 * header. No row means "not set yet": the installation's defaults from the environment apply.
 * Images are objects in the storage layer under `settings/`; the row holds their keys.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const image = (prefix: string) => ({
    [`${prefix}_key`]: { type: DataTypes.STRING(200), allowNull: true },
    [`${prefix}_mime`]: { type: DataTypes.STRING(40), allowNull: true },
    [`${prefix}_sha256`]: { type: DataTypes.STRING(64), allowNull: true },
  });
  await qi.createTable('utility_profiles', {
    id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
    name: { type: DataTypes.STRING(60), allowNull: false },
    short_name: { type: DataTypes.STRING(20), allowNull: true },
    address: { type: DataTypes.STRING(120), allowNull: true },
    phone: { type: DataTypes.STRING(30), allowNull: true },
    bank_name: { type: DataTypes.STRING(60), allowNull: true },
    bank_account: { type: DataTypes.STRING(30), allowNull: true },
    account_name: { type: DataTypes.STRING(60), allowNull: true },
    contract_party_b: { type: DataTypes.STRING(100), allowNull: true },
    ...image('seal'),
    ...image('logo'),
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('utility_profiles');
}
