import { DataTypes, type QueryInterface } from 'sequelize';

/** The first schema: accounts, applications with history, attachments, contracts, configuration, outbox. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false };
  const createdAt = { type: DataTypes.DATE(3), allowNull: false };
  const updatedAt = { type: DataTypes.DATE(3), allowNull: false };

  await qi.createTable('users', {
    id,
    username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    password_hash: { type: DataTypes.STRING(255), allowNull: true },
    display_name: { type: DataTypes.STRING(100), allowNull: false },
    phone: { type: DataTypes.STRING(30), allowNull: true },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    applicant_kind: { type: DataTypes.STRING(16), allowNull: true },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    failed_logins: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    locked_until: { type: DataTypes.DATE(3), allowNull: true },
    token_version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    openid: { type: DataTypes.STRING(64), allowNull: true, unique: true },
    unionid: { type: DataTypes.STRING(64), allowNull: true },
    privacy_agreed_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });

  await qi.createTable('user_roles', {
    id,
    user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' }, onDelete: 'CASCADE' },
    role: { type: DataTypes.STRING(32), allowNull: false },
    created_at: createdAt,
  });
  await qi.addIndex('user_roles', ['user_id', 'role'], { unique: true, name: 'user_roles_user_role' });
  await qi.addIndex('user_roles', ['role'], { name: 'user_roles_role' });

  await qi.createTable('applications', {
    id,
    number: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    flow: { type: DataTypes.STRING(16), allowNull: false },
    channel: { type: DataTypes.STRING(16), allowNull: false },
    applicant_user_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' } },
    created_by_user_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' } },
    name: { type: DataTypes.STRING(100), allowNull: false },
    credit_code: { type: DataTypes.STRING(18), allowNull: true },
    contact_name: { type: DataTypes.STRING(50), allowNull: true },
    contact_phone: { type: DataTypes.STRING(30), allowNull: false },
    address: { type: DataTypes.STRING(200), allowNull: false },
    water_address: { type: DataTypes.STRING(200), allowNull: false },
    water_type: { type: DataTypes.STRING(16), allowNull: false },
    building_area: { type: DataTypes.DECIMAL(12, 2), allowNull: false },
    state: { type: DataTypes.STRING(32), allowNull: false },
    workflow_version: { type: DataTypes.INTEGER, allowNull: false },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    state_entered_at: { type: DataTypes.DATE(3), allowNull: false },
    due_at: { type: DataTypes.DATE(3), allowNull: true },
    current_role: { type: DataTypes.STRING(32), allowNull: true },
    current_assignee_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' } },
    assignees: { type: DataTypes.TEXT, allowNull: true },
    contract_stage: { type: DataTypes.INTEGER, allowNull: true },
    had_visa_or_change: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    paid: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    unpaid_approved: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    budget_total: { type: DataTypes.DECIMAL(14, 2), allowNull: true },
    final_amount: { type: DataTypes.DECIMAL(14, 2), allowNull: true },
    dispatch_sheet: { type: DataTypes.TEXT, allowNull: true },
    payment: { type: DataTypes.TEXT, allowNull: true },
    utility_ms: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    customer_ms: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    completed_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('applications', ['state', 'created_at'], { name: 'applications_state_created' });
  await qi.addIndex('applications', ['created_at'], { name: 'applications_created' });
  await qi.addIndex('applications', ['due_at'], { name: 'applications_due' });
  await qi.addIndex('applications', ['applicant_user_id', 'created_at'], { name: 'applications_applicant' });
  await qi.addIndex('applications', ['current_assignee_id'], { name: 'applications_assignee' });
  await qi.addIndex('applications', ['current_role', 'due_at'], { name: 'applications_role_due' });
  await qi.addIndex('applications', ['contact_phone'], { name: 'applications_phone' });
  await qi.addIndex('applications', ['name'], { name: 'applications_name' });

  await qi.createTable('application_history', {
    id,
    application_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'applications', key: 'id' } },
    seq: { type: DataTypes.INTEGER, allowNull: false },
    action: { type: DataTypes.STRING(40), allowNull: false },
    action_label: { type: DataTypes.STRING(60), allowNull: false },
    from_state: { type: DataTypes.STRING(32), allowNull: true },
    to_state: { type: DataTypes.STRING(32), allowNull: false },
    actor_user_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' } },
    actor_role: { type: DataTypes.STRING(32), allowNull: true },
    actor_name: { type: DataTypes.STRING(100), allowNull: true },
    comment: { type: DataTypes.TEXT, allowNull: true },
    attachment_ids: { type: DataTypes.TEXT, allowNull: true },
    payload: { type: DataTypes.TEXT, allowNull: true },
    step_started_at: { type: DataTypes.DATE(3), allowNull: true },
    duration_ms: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    clock: { type: DataTypes.STRING(16), allowNull: false },
    new_step: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    prev_hash: { type: DataTypes.STRING(64), allowNull: true },
    hash: { type: DataTypes.STRING(64), allowNull: false },
    at: { type: DataTypes.DATE(3), allowNull: false },
  });
  // Two transitions computed from the same version would write the same seq: the index refuses one.
  await qi.addIndex('application_history', ['application_id', 'seq'], { unique: true, name: 'history_app_seq' });
  await qi.addIndex('application_history', ['actor_user_id', 'at'], { name: 'history_actor' });

  await qi.createTable('attachments', {
    id,
    application_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'applications', key: 'id' } },
    category: { type: DataTypes.STRING(32), allowNull: false },
    display_name: { type: DataTypes.STRING(200), allowNull: false },
    original_name: { type: DataTypes.STRING(255), allowNull: false },
    storage_driver: { type: DataTypes.STRING(8), allowNull: false },
    storage_key: { type: DataTypes.STRING(255), allowNull: false },
    size: { type: DataTypes.BIGINT, allowNull: false },
    mime_type: { type: DataTypes.STRING(100), allowNull: false },
    file_kind: { type: DataTypes.STRING(8), allowNull: false },
    sha256: { type: DataTypes.STRING(64), allowNull: false },
    uploader_user_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' } },
    history_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'application_history', key: 'id' } },
    superseded_by_id: { type: DataTypes.INTEGER, allowNull: true },
    taken_at: { type: DataTypes.DATE(3), allowNull: true },
    gps_lat: { type: DataTypes.DOUBLE, allowNull: true },
    gps_lng: { type: DataTypes.DOUBLE, allowNull: true },
    meta: { type: DataTypes.TEXT, allowNull: true },
    created_at: createdAt,
  });
  await qi.addIndex('attachments', ['application_id', 'category'], { name: 'attachments_app_category' });
  await qi.addIndex('attachments', ['created_at'], { name: 'attachments_created' });
  await qi.addIndex('attachments', ['display_name'], { name: 'attachments_name' });

  await qi.createTable('contracts', {
    id,
    application_id: { type: DataTypes.INTEGER, allowNull: false, unique: true, references: { model: 'applications', key: 'id' } },
    number: { type: DataTypes.STRING(40), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(100), allowNull: true },
    place: { type: DataTypes.STRING(200), allowNull: true },
    party_a: { type: DataTypes.STRING(100), allowNull: true },
    party_b: { type: DataTypes.STRING(100), allowNull: true },
    amount: { type: DataTypes.DECIMAL(14, 2), allowNull: true },
    settlement_amount: { type: DataTypes.DECIMAL(14, 2), allowNull: true },
    owner_status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
    stages: { type: DataTypes.TEXT, allowNull: true },
    submitted_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });

  await qi.createTable('counters', {
    name: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    value: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });

  await qi.createTable('step_settings', {
    id,
    flow: { type: DataTypes.STRING(16), allowNull: false },
    state: { type: DataTypes.STRING(32), allowNull: false },
    threshold_value: { type: DataTypes.DOUBLE, allowNull: true },
    threshold_unit: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'hours' },
    default_assignee_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' } },
    updated_at: updatedAt,
  });
  await qi.addIndex('step_settings', ['flow', 'state'], { unique: true, name: 'step_settings_flow_state' });

  await qi.createTable('contract_stage_settings', {
    position: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
    name: { type: DataTypes.STRING(50), allowNull: false },
    role: { type: DataTypes.STRING(32), allowNull: false },
    updated_at: updatedAt,
  });

  await qi.createTable('outbox', {
    id,
    application_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'applications', key: 'id' } },
    history_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'application_history', key: 'id' } },
    event: { type: DataTypes.STRING(40), allowNull: false },
    audience: { type: DataTypes.STRING(16), allowNull: false },
    recipient_user_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'users', key: 'id' } },
    payload: { type: DataTypes.TEXT, allowNull: true },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
    channel: { type: DataTypes.STRING(24), allowNull: true },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    next_attempt_at: { type: DataTypes.DATE(3), allowNull: false },
    locked_by: { type: DataTypes.STRING(64), allowNull: true },
    locked_until: { type: DataTypes.DATE(3), allowNull: true },
    last_error: { type: DataTypes.TEXT, allowNull: true },
    sent_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: createdAt,
    updated_at: updatedAt,
  });
  await qi.addIndex('outbox', ['status', 'next_attempt_at'], { name: 'outbox_due' });
  await qi.addIndex('outbox', ['recipient_user_id', 'created_at'], { name: 'outbox_recipient' });
  await qi.addIndex('outbox', ['application_id'], { name: 'outbox_application' });

  await qi.createTable('idempotency_keys', {
    id,
    user_id: { type: DataTypes.INTEGER, allowNull: false },
    idem_key: { type: DataTypes.STRING(100), allowNull: false },
    method: { type: DataTypes.STRING(8), allowNull: false },
    path: { type: DataTypes.STRING(255), allowNull: false },
    request_hash: { type: DataTypes.STRING(64), allowNull: false },
    status_code: { type: DataTypes.INTEGER, allowNull: true },
    // Replies can exceed TEXT's 64 KB on MySQL; SQLite has one TEXT.
    response_body: { type: qi.sequelize.getDialect() === 'mysql' ? DataTypes.TEXT('long') : DataTypes.TEXT, allowNull: true },
    created_at: createdAt,
  });
  await qi.addIndex('idempotency_keys', ['user_id', 'idem_key'], { unique: true, name: 'idempotency_user_key' });

  await qi.createTable('audit_events', {
    id,
    actor_user_id: { type: DataTypes.INTEGER, allowNull: true },
    action: { type: DataTypes.STRING(60), allowNull: false },
    target_type: { type: DataTypes.STRING(40), allowNull: true },
    target_id: { type: DataTypes.STRING(64), allowNull: true },
    data: { type: DataTypes.TEXT, allowNull: true },
    ip: { type: DataTypes.STRING(64), allowNull: true },
    prev_hash: { type: DataTypes.STRING(64), allowNull: true },
    hash: { type: DataTypes.STRING(64), allowNull: false },
    at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('audit_events', ['action', 'at'], { name: 'audit_action_at' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of [
    'audit_events',
    'idempotency_keys',
    'outbox',
    'contract_stage_settings',
    'step_settings',
    'counters',
    'contracts',
    'attachments',
    'application_history',
    'applications',
    'user_roles',
    'users',
  ]) {
    await qi.dropTable(table);
  }
}
