import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * WeChat and notification delivery: the shared access-token store, one-time keys (login codes, push
 * nonces), official-account followers, one-time subscribe-message consent, H5 login tickets, the
 * delivery attempts of each outbox row, and the overdue alerts already raised.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false };
  const createdAt = { type: DataTypes.DATE(3), allowNull: false };
  const updatedAt = { type: DataTypes.DATE(3), allowNull: false };
  const userRef = { type: DataTypes.INTEGER, references: { model: 'users', key: 'id' } };

  // One row per WeChat app: every server process reads the same token; the lease makes one refresh.
  await qi.createTable('wechat_access_tokens', {
    app_id: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    access_token: { type: DataTypes.STRING(600), allowNull: true },
    expires_at: { type: DataTypes.DATE(3), allowNull: true },
    lease_owner: { type: DataTypes.STRING(100), allowNull: true },
    lease_until: { type: DataTypes.DATE(3), allowNull: true },
    fetch_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    updated_at: updatedAt,
  });

  // Hashes only: a login code or a push nonce is refused the second time it is seen.
  await qi.createTable('wechat_used_keys', {
    key_hash: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    purpose: { type: DataTypes.STRING(24), allowNull: false },
    created_at: createdAt,
  });
  await qi.addIndex('wechat_used_keys', ['created_at'], { name: 'wechat_used_keys_created' });

  await qi.createTable('wechat_followers', {
    id,
    app_id: { type: DataTypes.STRING(64), allowNull: false },
    openid: { type: DataTypes.STRING(64), allowNull: false },
    unionid: { type: DataTypes.STRING(64), allowNull: true },
    user_id: { ...userRef, allowNull: true },
    subscribed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    subscribed_at: { type: DataTypes.DATE(3), allowNull: true },
    unsubscribed_at: { type: DataTypes.DATE(3), allowNull: true },
    last_event_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('wechat_followers', ['app_id', 'openid'], { unique: true, name: 'wechat_followers_app_openid' });
  await qi.addIndex('wechat_followers', ['user_id'], { name: 'wechat_followers_user' });
  await qi.addIndex('wechat_followers', ['unionid'], { name: 'wechat_followers_unionid' });
  await qi.addIndex('users', ['unionid'], { name: 'users_unionid' });

  await qi.createTable('wechat_subscriptions', {
    id,
    user_id: { ...userRef, allowNull: false, onDelete: 'CASCADE' },
    template_id: { type: DataTypes.STRING(128), allowNull: false },
    remaining: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    accepted_at: { type: DataTypes.DATE(3), allowNull: true },
    rejected_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('wechat_subscriptions', ['user_id', 'template_id'], { unique: true, name: 'wechat_subscriptions_user_template' });

  await qi.createTable('wechat_login_tickets', {
    ticket_hash: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    user_id: { ...userRef, allowNull: false, onDelete: 'CASCADE' },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    used_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: createdAt,
  });
  await qi.addIndex('wechat_login_tickets', ['expires_at'], { name: 'wechat_login_tickets_expires' });

  // Written before each send: a row left `pending` means a sender died mid-send (delivery unknown).
  await qi.createTable('outbox_deliveries', {
    id,
    outbox_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'outbox', key: 'id' } },
    attempt: { type: DataTypes.INTEGER, allowNull: false },
    channel: { type: DataTypes.STRING(24), allowNull: false },
    worker: { type: DataTypes.STRING(100), allowNull: false },
    recipient: { type: DataTypes.STRING(100), allowNull: true },
    template_id: { type: DataTypes.STRING(128), allowNull: true },
    outcome: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
    error_code: { type: DataTypes.INTEGER, allowNull: true },
    error_message: { type: DataTypes.STRING(500), allowNull: true },
    msg_id: { type: DataTypes.STRING(64), allowNull: true },
    started_at: { type: DataTypes.DATE(3), allowNull: false },
    finished_at: { type: DataTypes.DATE(3), allowNull: true },
  });
  await qi.addIndex('outbox_deliveries', ['outbox_id', 'attempt'], { name: 'outbox_deliveries_outbox' });
  await qi.addIndex('outbox_deliveries', ['msg_id'], { name: 'outbox_deliveries_msg' });

  // One alert per overdue step, whichever worker notices first: the unique index decides.
  await qi.createTable('overdue_alerts', {
    id,
    application_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'applications', key: 'id' } },
    state: { type: DataTypes.STRING(32), allowNull: false },
    step_started_at: { type: DataTypes.DATE(3), allowNull: false },
    outbox_id: { type: DataTypes.INTEGER, allowNull: true },
    created_at: createdAt,
  });
  await qi.addIndex('overdue_alerts', ['application_id', 'state', 'step_started_at'], { unique: true, name: 'overdue_alerts_step' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of [
    'overdue_alerts',
    'outbox_deliveries',
    'wechat_login_tickets',
    'wechat_subscriptions',
    'wechat_followers',
    'wechat_used_keys',
    'wechat_access_tokens',
  ]) {
    await qi.dropTable(table);
  }
  await qi.removeIndex('users', 'users_unionid');
}
