import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 短信验证码: one row per code sent (or, where nothing matched, per code that was only pretended to
 * be sent — so the limits and the answers are the same either way). Only a keyed hash of the code is
 * stored. The rows are the send limits too (per phone, per client address), so they hold across
 * every API process.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('verification_codes', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    purpose: { type: DataTypes.STRING(16), allowNull: false },
    phone: { type: DataTypes.STRING(20), allowNull: false },
    // What the code is for beyond the phone: the typed 报装编号 for a claim, '' otherwise.
    target: { type: DataTypes.STRING(40), allowNull: false, defaultValue: '' },
    code_hash: { type: DataTypes.STRING(64), allowNull: false },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    // Whether an SMS really went out (false: nothing matched, or local mode did not send one).
    delivered: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    ip: { type: DataTypes.STRING(64), allowNull: true },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    used_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('verification_codes', ['phone', 'created_at'], { name: 'verification_codes_phone' });
  await qi.addIndex('verification_codes', ['ip', 'created_at'], { name: 'verification_codes_ip' });
  await qi.addIndex('verification_codes', ['purpose', 'phone', 'target', 'id'], { name: 'verification_codes_lookup' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('verification_codes');
}
