/**
 * The hand-written INSERT and UPDATE every workflow action makes (src/db/writeRows.ts) must store
 * exactly what the models would: the models read the rows back, the history chain hashes the
 * dates to the millisecond, and the notifications' ids link them to history. On both databases.
 */
import { readOnce } from '../../src/db/transactionReads';
import { withTransaction } from '../../src/db/transaction';
import { insertRows, updateRows } from '../../src/db/writeRows';
import { Application, OutboxMessage } from '../../src/models';
import { services } from '../../src/services';
import { createApplicant, enterpriseForm } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import type { AppView } from '../support/workflow';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const at = new Date('2026-11-29T08:30:00.123Z');
const later = new Date('2026-11-29T09:45:00.456Z');

async function newApplication(): Promise<Application> {
  const applicant = await createApplicant(server.url);
  const view = (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm())).body.data;
  return (await Application.findByPk(view.id))!;
}

describe('hand-written writes', () => {
  it('inserts several rows in one statement and returns the first id; the model reads them as given', async () => {
    const app = await newApplication();
    const message = (n: number) => ({
      applicationId: app.id,
      historyId: null,
      event: 'new_work',
      audience: 'staff',
      recipientUserId: null,
      payload: { title: `新的待办${n}`, number: app.number, nested: { at: at.toISOString() } },
      status: 'pending',
      attempts: 0,
      nextAttemptAt: n === 1 ? at : later,
      createdAt: at,
      updatedAt: at,
    });
    const firstId = await withTransaction(services().sequelize, (t) => insertRows(OutboxMessage, [message(1), message(2)], t));

    const rows = await OutboxMessage.findAll({ where: { applicationId: app.id, event: 'new_work' }, order: [['id', 'ASC']] });
    const ours = rows.filter((r) => r.id >= firstId);
    expect(ours.map((r) => r.id)).toEqual([firstId, firstId + 1]);
    expect(ours.map((r) => r.payload.title)).toEqual(['新的待办1', '新的待办2']);
    expect(ours[0]?.payload).toEqual(message(1).payload);
    expect(ours.map((r) => r.nextAttemptAt.toISOString())).toEqual([at.toISOString(), later.toISOString()]);
    expect(ours[1]?.createdAt.toISOString()).toBe(at.toISOString());
    expect(ours[1]?.channel).toBeNull();
    expect(ours[1]?.status).toBe('pending');
  });

  it('updates only where every condition holds, storing dates, JSON and booleans as the model reads them', async () => {
    const app = await newApplication();
    const { sequelize } = services();
    const stale = await withTransaction(sequelize, (t) =>
      updateRows(Application, { state: 'returned', paid: true }, { id: app.id, version: app.version + 1 }, t),
    );
    expect(stale).toBe(0);
    expect((await Application.findByPk(app.id))?.state).toBe(app.state);

    const changed = await withTransaction(sequelize, (t) =>
      updateRows(
        Application,
        {
          state: 'returned',
          stateEnteredAt: later,
          dueAt: null,
          paid: true,
          payment: { amount: 1234.5, paidOn: '2026-11-29', receiptNo: 'SK-001' },
          assignees: { surveying: 7 },
          utilityMs: 3_600_000,
          // Not given: left as it is.
          name: undefined,
          version: app.version + 1,
        },
        { id: app.id, version: app.version },
        t,
      ),
    );
    expect(changed).toBe(1);
    const after = (await Application.findByPk(app.id))!;
    expect(after.state).toBe('returned');
    expect(after.stateEnteredAt.toISOString()).toBe(later.toISOString());
    expect(after.dueAt).toBeNull();
    expect(after.paid).toBe(true);
    expect(after.payment).toEqual({ amount: 1234.5, paidOn: '2026-11-29', receiptNo: 'SK-001' });
    expect(after.assignees).toEqual({ surveying: 7 });
    expect(after.utilityMs).toBe(3_600_000);
    expect(after.name).toBe(app.name);
    expect(after.version).toBe(app.version + 1);
  });

  it('makes the transaction forget what it read of the table it wrote', async () => {
    const app = await newApplication();
    const loads: number[] = [];
    await withTransaction(services().sequelize, async (t) => {
      const count = () => OutboxMessage.count({ where: { applicationId: app.id }, transaction: t });
      const read = () => readOnce(t, OutboxMessage.getTableName().toString(), String(app.id), count);
      loads.push(await read());
      loads.push(await read());
      await insertRows(
        OutboxMessage,
        [
          {
            applicationId: app.id,
            event: 'returned',
            audience: 'applicant',
            payload: {},
            status: 'pending',
            attempts: 0,
            nextAttemptAt: at,
            createdAt: at,
            updatedAt: at,
          },
        ],
        t,
      );
      loads.push(await read());
    });
    expect(loads[1]).toBe(loads[0]);
    expect(loads[2]).toBe((loads[0] ?? 0) + 1);
  });
});
