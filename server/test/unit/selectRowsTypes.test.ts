/**
 * The hand-written reads (src/db/selectRows.ts) must give the same JavaScript types on SQLite and
 * on MariaDB — and the same values the models read — for the rows every request or action reads:
 * the login check's user and roles, the step settings, the files behind the workflow facts, the
 * application and its history. Otherwise a check such as `enabled === true` or `dueAt.getTime()`
 * holds on one database and not on the other. Runs on whichever database the suite is on
 * (TEST_DB=mysql for MariaDB).
 */
import type { Model, ModelStatic } from 'sequelize';
import { stepConfigs } from '../../src/commands/settings';
import { loadCurrentFiles } from '../../src/commands/workflow/facts';
import { selectModels, selectRows } from '../../src/db/selectRows';
import { withTransaction } from '../../src/db/transaction';
import { Application, Attachment, Contract, HistoryEntry, StepSetting, User, UserRole } from '../../src/models';
import { services } from '../../src/services';
import { createApplicant, createStaff, enterpriseForm, unique } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import type { AppView } from '../support/workflow';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

type Kind = 'number' | 'string' | 'boolean' | 'date' | 'object';

/** The JavaScript type each attribute must read as, from its declared type. */
function kindOf(model: ModelStatic<Model>, name: string): Kind {
  const attribute = model.getAttributes()[name];
  const key = (attribute?.type as { key?: string } | undefined)?.key;
  // The JSON columns are TEXT with a parsing getter (db/json.ts); other TEXT columns have none.
  if (key === 'TEXT' && attribute?.get) {
    return 'object';
  }
  switch (key) {
    case 'INTEGER':
    case 'BIGINT':
    case 'DECIMAL':
    case 'DOUBLE':
    case 'DOUBLE PRECISION':
      return 'number';
    case 'STRING':
    case 'TEXT':
      return 'string';
    case 'BOOLEAN':
      return 'boolean';
    case 'DATE':
      return 'date';
    default:
      throw new Error(`${model.name}.${name}: no expected JavaScript type for ${String(key)}`);
  }
}

function expectKind(value: unknown, kind: Kind, where: string): void {
  const seen = value instanceof Date ? 'date' : value === null ? 'null' : typeof value;
  // The label names the column in the failure message; a null is never what is checked here.
  expect(`${where}: ${seen}`).toBe(`${where}: ${kind}`);
  if (kind === 'date') {
    expect(value instanceof Date && !Number.isNaN(value.getTime())).toBe(true);
  }
}

/** Every named attribute's value has its attribute's type and is not null (the fixtures fill every column). */
function expectTypes(model: ModelStatic<Model>, values: Record<string, unknown>, names: string[], keyOf = (name: string) => name): void {
  for (const name of names) {
    expectKind(values[keyOf(name)], kindOf(model, name), `${model.name}.${name}`);
  }
}

const fieldOf = (model: ModelStatic<Model>) => (name: string) => model.getAttributes()[name]?.field ?? name;
const attributesOf = (model: ModelStatic<Model>) => Object.keys(model.getAttributes());

/**
 * A row of every column of the model's table through selectRows equals what the model reads, column
 * by column: the same values, so the same types (toEqual tells 1 from true and a string from a Date).
 * Every column but the named ones holds a value, whose type is checked.
 */
async function expectWholeRowAsModelReads(model: ModelStatic<Model>, id: number, nulls: string[] = []): Promise<void> {
  const [row] = await selectRows<Record<string, unknown>>(model, `SELECT * FROM ${model.getTableName().toString()} WHERE id = ?`, [id]);
  const instance = await model.findByPk(id);
  expect(row).toBeDefined();
  expect(instance).not.toBeNull();
  const field = fieldOf(model);
  const asModelReads = Object.fromEntries(attributesOf(model).map((name) => [field(name), instance?.get(name)]));
  expect(row).toEqual(asModelReads);
  for (const name of nulls) {
    expect(row?.[field(name)]).toBeNull();
  }
  expectTypes(
    model,
    row ?? {},
    attributesOf(model).filter((name) => !nulls.includes(name)),
    field,
  );
}

const at = new Date('2026-11-29T08:30:00.123Z');

interface Fixture {
  userId: number;
  disabledUserId: number;
  applicationId: number;
  stepSettingId: number;
  attachmentIds: number[];
  contractId: number;
  historyId: number;
}
let fixture: Fixture;

/** One of everything, with every nullable column filled so that its type shows. */
beforeAll(async () => {
  const staff = await createStaff(server.url, ['window_clerk', 'reviewer']);
  const disabled = await createStaff(server.url, []);
  await User.update(
    { lockedUntil: at, privacyAgreedAt: at, openid: unique('o'), unionid: unique('u'), phone: '13912345678', wecomUserId: unique('w') },
    { where: { id: staff.user.id } },
  );
  await User.update({ enabled: false, lockedUntil: at, privacyAgreedAt: at, phone: '13912345678' }, { where: { id: disabled.user.id } });

  const applicant = await createApplicant(server.url);
  const view = (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm({ buildingArea: 2200.25 }))).body.data;
  await Application.update(
    {
      dueAt: at,
      completedAt: at,
      currentRole: 'reviewer',
      currentAssigneeId: staff.user.id,
      assignees: { surveying: staff.user.id },
      contractStage: 2,
      hadVisaOrChange: true,
      paid: true,
      unpaidApproved: false,
      budgetTotal: 12345.67,
      finalAmount: 12000.5,
      dispatchSheet: {
        materials: [{ name: 'PE管', spec: 'DN25', unit: '米', quantity: 12.5 }],
        meter: { number: 'M-1', caliber: 'DN25', model: 'LXS' },
      },
      payment: { amount: 12345.67, paidOn: '2026-11-29', receiptNo: 'SK-001' },
      utilityMs: 3_600_000,
      customerMs: 7_200_000,
      historyHash: 'f'.repeat(64),
      caliber: 25,
      externalWorks: false,
      meter: { number: 'JM-1', caliber: 'DN20', model: 'LXS-20E', initialReading: 0 },
      applicantUserId: applicant.user.id,
      createdByUserId: staff.user.id,
      contactName: '陈经理',
    },
    { where: { id: view.id } },
  );

  const setting = await StepSetting.findOne({ where: { flow: 'enterprise' }, order: [['id', 'ASC']] });
  if (!setting) {
    throw new Error('no step settings seeded');
  }
  // A fractional threshold: a DOUBLE must come back as 1.5, not "1.5" nor 2.
  await StepSetting.update(
    { thresholdValue: 1.5, defaultAssigneeId: staff.user.id, reminders: [{ value: 3, unit: 'workdays' }] },
    { where: { id: setting.id } },
  );

  const { historyId, attachmentIds, contractId } = await withTransaction(services().sequelize, async (t) => {
    const entry = await HistoryEntry.create(
      {
        applicationId: view.id,
        seq: 1000,
        action: 'survey_done',
        actionLabel: '审核',
        fromState: 'surveying',
        toState: 'designing',
        actorUserId: staff.user.id,
        actorRole: 'reviewer',
        actorName: '测试员工',
        comment: '同意',
        attachmentIds: [1, 2],
        payload: { nested: { at: at.toISOString() } },
        stepStartedAt: at,
        durationMs: 90_000,
        clock: 'utility',
        newStep: false,
        reasonCategoryId: 1,
        prevHash: 'a'.repeat(64),
        hash: 'b'.repeat(64),
        at,
      },
      { transaction: t },
    );
    const file = (historyId: number | null) =>
      Attachment.create(
        {
          applicationId: view.id,
          category: 'site_photo',
          displayName: '现场照片.jpg',
          originalName: 'photo.jpg',
          storageDriver: 'local',
          storageKey: unique('k'),
          size: 123_456,
          mimeType: 'image/jpeg',
          fileKind: 'jpeg',
          sha256: 'c'.repeat(64),
          uploaderUserId: staff.user.id,
          historyId,
          supersededById: null,
          takenAt: at,
          gpsLat: 23.1291,
          gpsLng: 113.2644,
          meta: { width: 800 },
        },
        { transaction: t },
      );
    const taken = await file(entry.id);
    const fresh = await file(null);
    // An older version superseded by the fresh one: every column filled, and not among the facts.
    const superseded = await file(entry.id);
    await superseded.update({ supersededById: fresh.id }, { transaction: t });
    const contract = await Contract.create(
      {
        applicationId: view.id,
        number: unique('HT'),
        name: '供水合同',
        place: '广州',
        partyA: '珠江摩尔',
        partyB: '水务公司',
        amount: 88888.88,
        settlementAmount: 80000.1,
        ownerStatus: 'approved',
        stages: [{ name: '部门审核', role: 'reviewer' }],
        submittedAt: at,
      },
      { transaction: t },
    );
    return { historyId: entry.id, attachmentIds: [taken.id, fresh.id, superseded.id], contractId: contract.id };
  });

  fixture = {
    userId: staff.user.id,
    disabledUserId: disabled.user.id,
    applicationId: view.id,
    stepSettingId: setting.id,
    attachmentIds,
    contractId,
    historyId,
  };
});

describe('hand-written reads return the same types on every database', () => {
  it('the login check’s user and roles: booleans as booleans, numbers as numbers', async () => {
    // The statement of middlewares/authenticated.ts (userFromToken).
    const sql =
      'SELECT u.id, u.username, u.display_name, u.kind, u.applicant_kind, u.enabled, u.token_version, r.role ' +
      'FROM users u LEFT JOIN user_roles r ON r.user_id = u.id WHERE u.id = ? ORDER BY r.id';
    const rows = await selectRows<Record<string, unknown>>(User, sql, [fixture.userId]);
    expect(rows.map((r) => r.role)).toEqual(['window_clerk', 'reviewer']);
    for (const row of rows) {
      expect(row.enabled).toBe(true);
      expectTypes(User, row, ['id', 'username', 'displayName', 'kind', 'enabled', 'tokenVersion'], fieldOf(User));
      expectKind(row.role, kindOf(UserRole, 'role'), 'UserRole.role');
      expect(row.applicant_kind).toBeNull();
    }
    const [disabled] = await selectRows<Record<string, unknown>>(User, sql, [fixture.disabledUserId]);
    expect(disabled?.enabled).toBe(false);
    expect(disabled?.role).toBeNull();

    // A column under its attribute's name (as applicationViews.ts reads the assignee's name).
    const [named] = await selectRows<Record<string, unknown>>(
      User,
      'SELECT id, display_name AS displayName, locked_until AS lockedUntil, enabled FROM users WHERE id = ?',
      [fixture.userId],
    );
    expect(named).toEqual({ id: fixture.userId, displayName: '测试员工', lockedUntil: at, enabled: true });

    await expectWholeRowAsModelReads(User, fixture.userId, ['applicantKind']);
    await expectWholeRowAsModelReads(User, fixture.disabledUserId, ['applicantKind', 'openid', 'unionid', 'wecomUserId']);
  });

  it('the step settings: a fractional threshold as a number, the assignee as a number', async () => {
    // The statement of commands/settings.ts (stepConfigs).
    const rows = await selectRows<Record<string, unknown>>(
      StepSetting,
      'SELECT state, threshold_value, threshold_unit, default_assignee_id FROM step_settings WHERE flow = ?',
      ['enterprise'],
    );
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expectTypes(StepSetting, row, ['state', 'thresholdUnit'], fieldOf(StepSetting));
      for (const name of ['thresholdValue', 'defaultAssigneeId']) {
        const value = row[fieldOf(StepSetting)(name)];
        if (value !== null) {
          expectKind(value, 'number', `StepSetting.${name}`);
        }
      }
    }
    expect(rows.some((r) => r.threshold_value === 1.5 && r.default_assignee_id === fixture.userId)).toBe(true);

    const configs = await stepConfigs('enterprise');
    expect([...configs.values()].some((c) => c.threshold?.value === 1.5 && c.defaultAssigneeId === fixture.userId)).toBe(true);

    await expectWholeRowAsModelReads(StepSetting, fixture.stepSettingId);
  });

  it('the current files behind the workflow facts, and every column of a file', async () => {
    const rows = (await loadCurrentFiles([fixture.applicationId])) as unknown as Record<string, unknown>[];
    const [taken, fresh, superseded] = fixture.attachmentIds;
    expect(rows.map((r) => r.id).sort((a, b) => Number(a) - Number(b))).toEqual([taken, fresh]);
    expect(rows.map((r) => r.history_id)).toEqual(expect.arrayContaining([fixture.historyId, null]));
    for (const row of rows) {
      const columns = Object.keys(row).map(
        (column) => attributesOf(Attachment).find((name) => fieldOf(Attachment)(name) === column) ?? column,
      );
      const filled = columns.filter((name) => row[fieldOf(Attachment)(name)] !== null);
      expect(filled.length).toBeGreaterThan(3);
      expectTypes(Attachment, row, filled, fieldOf(Attachment));
    }
    expect(superseded).toBeDefined();

    // Dates, a BIGINT size, DOUBLE coordinates and the JSON meta of whole rows.
    await expectWholeRowAsModelReads(Attachment, taken!, ['supersededById']);
    await expectWholeRowAsModelReads(Attachment, fresh!, ['supersededById', 'historyId']);
    await expectWholeRowAsModelReads(Attachment, superseded!);
  });

  it('the application through selectModels: dates, booleans, decimals and JSON as findByPk reads them', async () => {
    const [app] = await selectModels(Application, 'WHERE id = ?', [fixture.applicationId]);
    const reference = await Application.findByPk(fixture.applicationId);
    expect(app).toBeInstanceOf(Application);
    const values = app?.get() as Record<string, unknown>;
    expect(values).toEqual(reference?.get());
    expectTypes(Application, values, attributesOf(Application));
    expect(values.budgetTotal).toBe(12345.67);
    expect(values.buildingArea).toBe(2200.25);
    expect(values.paid).toBe(true);
    expect(values.unpaidApproved).toBe(false);
    expect(values.dueAt).toEqual(at);
    expect(values.payment).toEqual({ amount: 12345.67, paidOn: '2026-11-29', receiptNo: 'SK-001' });

    await expectWholeRowAsModelReads(Application, fixture.applicationId);
  });

  it('the history through selectModels, as the detail page reads it', async () => {
    // The statement of commands/applicationDetail.ts.
    const entries = await selectModels(HistoryEntry, 'WHERE application_id = ? ORDER BY seq ASC', [fixture.applicationId]);
    const entry = entries.find((e) => e.id === fixture.historyId);
    const values = entry?.get() as Record<string, unknown>;
    expect(values).toEqual((await HistoryEntry.findByPk(fixture.historyId))?.get());
    expectTypes(HistoryEntry, values, attributesOf(HistoryEntry));
    expect(values.newStep).toBe(false);
    expect(values.at).toEqual(at);
    expect(values.durationMs).toBe(90_000);
    expect(values.attachmentIds).toEqual([1, 2]);
    // Every entry the application has, the ones its creation wrote too.
    for (const each of entries) {
      expectTypes(HistoryEntry, each.get() as Record<string, unknown>, ['at', 'newStep', 'durationMs', 'attachmentIds', 'payload']);
    }

    await expectWholeRowAsModelReads(HistoryEntry, fixture.historyId);
  });

  it('the contract through selectModels, as the facts read it', async () => {
    // The statement of commands/workflow/facts.ts (loadContracts).
    const [contract] = await selectModels(Contract, 'WHERE application_id IN (?)', [[fixture.applicationId]]);
    const values = contract?.get() as Record<string, unknown>;
    expect(values).toEqual((await Contract.findByPk(fixture.contractId))?.get());
    expectTypes(Contract, values, attributesOf(Contract));
    expect(values.amount).toBe(88888.88);

    await expectWholeRowAsModelReads(Contract, fixture.contractId);
  });
});
