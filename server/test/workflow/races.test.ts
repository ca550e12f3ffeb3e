import { request as httpRequest } from 'node:http';
import type { ChildProcess } from 'node:child_process';
import { QueryTypes, type Transaction } from 'sequelize';
import { Application, Attachment, Contract, HistoryEntry } from '../../src/models';
import { services } from '../../src/services';
import { Api } from '../support/api';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { createCrew, design, onlineEnterpriseAtSurvey, residentAtSurvey, survey, type Crew } from '../support/journey';
import { exited, startServerProcess } from '../support/processes';
import { budgetXlsx, jpeg } from '../support/sampleFiles';
import { startTestServer, type TestServer } from '../support/testServer';
import { mustUpload } from '../support/uploads';
import { act, must, type AppView } from '../support/workflow';

/**
 * Two people acting on one application at the same moment, as the clients send it: every request
 * carries its own Idempotency-Key. Whichever order the database puts them in, the result must be
 * what that order gives when the two are sent one after the other.
 *
 * On MariaDB each round first holds the application's row lock from the test, so that both requests
 * are inside their transactions (idempotency lookup done) and waiting for the lock before either
 * decides: the interleaving that once let an approval decide on a contract read from before the
 * owner's rejection committed. SQLite has one writer at a time; there the two simply race.
 */

const ROUNDS = 20;
const mysql = process.env.TEST_DB === 'mysql';

let server: TestServer;
let crew: Crew;
let keySeq = 0;

beforeAll(async () => {
  server = await startTestServer();
  crew = await createCrew(server.url);
});
afterAll(() => server.close());

const key = (what: string) => ({ 'Idempotency-Key': `race-${what}-${process.pid}-${++keySeq}` });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Holds the application's row lock (MariaDB) while `send` starts its requests; then lets them go in turn. */
async function whileLocked<T>(applicationId: number, send: () => Promise<T>[]): Promise<T[]> {
  if (!mysql) {
    return Promise.all(send());
  }
  const sequelize = services().sequelize;
  const t: Transaction = await sequelize.transaction();
  await sequelize.query('SELECT id FROM applications WHERE id = ? FOR UPDATE', { replacements: [applicationId], transaction: t });
  const pending: Promise<T>[] = [];
  for (const start of send()) {
    pending.push(start);
    // Each request reaches its idempotency lookup and then waits for the lock, in this order.
    await sleep(250);
  }
  await t.commit();
  return Promise.all(pending);
}

/** Runs `round` ROUNDS times, five at a time (each round on its own application). */
async function rounds(round: (i: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < ROUNDS; i += 5) {
    await Promise.all([0, 1, 2, 3, 4].map((j) => round(i + j)));
  }
}

async function entries(applicationId: number) {
  return HistoryEntry.findAll({ where: { applicationId }, order: [['seq', 'ASC']] });
}

const STAGE_ONE_ROLE = 'contract_approver';

async function atFirstContractStage(): Promise<AppView> {
  const { applicant, app } = await onlineEnterpriseAtSurvey(server.url, crew);
  const { app: confirming, budgetId } = await design(crew, await survey(crew, app));
  await must(applicant.api, confirming.id, 'confirm_design', { budgetAttachmentId: budgetId });
  await must(crew.contract_clerk.api, app.id, 'save_contract', { contract: { partyB: '市自来水有限公司' } });
  return must(crew.contract_clerk.api, app.id, 'submit_contract');
}

(mysql ? it : it.skip)('MariaDB connections read at READ COMMITTED (each statement sees what is committed when it runs)', async () => {
  const sequelize = services().sequelize;
  const levels = await Promise.all(
    Array.from({ length: 3 }, () =>
      sequelize.transaction((t) =>
        sequelize.query<{ level: string }>('SELECT @@tx_isolation AS level', { type: QueryTypes.SELECT, transaction: t }),
      ),
    ),
  );
  expect(levels.flat().map((r) => r.level)).toEqual(['READ-COMMITTED', 'READ-COMMITTED', 'READ-COMMITTED']);
});

describe(`races on one application with Idempotency-Keys (${mysql ? 'MariaDB' : 'SQLite'}, ${ROUNDS} rounds each)`, () => {
  it('an owner rejection that commits first ends the contract for the stage approval that waited for it', async () => {
    const outcomes = { rejectionFirst: 0, approvalFirst: 0 };
    await rounds(async () => {
      const review = await atFirstContractStage();
      expect(review.step.contractStage?.position).toBe(1);
      const [rejected, approved] = await whileLocked(review.id, () => [
        act(crew.contract_clerk.api, review.id, 'owner_reject', { comment: '业主董事会未通过' }, key('owner')),
        act(crew[STAGE_ONE_ROLE].api, review.id, 'approve_stage', { comment: '同意' }, key('stage')),
      ]);
      expect(rejected?.status).toBe(200);
      expect(approved?.status).toBe(200);
      const log = await entries(review.id);
      const rejection = log.find((e) => e.action === 'owner_reject');
      const approval = log.find((e) => e.action === 'approve_stage');
      const app = await Application.findByPk(review.id);
      expect((await Contract.findOne({ where: { applicationId: review.id } }))?.ownerStatus).toBe('rejected');
      if (rejection!.seq < approval!.seq) {
        // The approval came second: the owner's rejection ends the sub-process before the next stage.
        outcomes.rejectionFirst++;
        expect(approval!.toState).toBe('terminated');
        expect(app?.state).toBe('terminated');
        expect(approved?.body.data.stateLabel).toBe('已终止');
      } else {
        outcomes.approvalFirst++;
        expect(app?.state).toBe('contract_review');
        expect(app?.contractStage).toBe(2);
      }
    });
    console.log(`owner rejection vs stage approval: ${JSON.stringify(outcomes)}`);
    if (mysql) {
      // MariaDB does not promise to grant the lock in the order the two asked for it, but in most
      // rounds the rejection goes first: the approval then decides after waiting with its
      // transaction already begun — the interleaving that once approved a rejected contract.
      expect(outcomes.rejectionFirst).toBeGreaterThanOrEqual(ROUNDS / 4);
    }
  });

  it('a budget upload that finishes after the design was submitted is refused, and the customer confirms the budget that was submitted', async () => {
    await rounds(async () => {
      const { applicant, app } = await onlineEnterpriseAtSurvey(server.url, crew);
      const designing = await survey(crew, app);
      // The budgeter starts sending a corrected budget while the step is still 设计预算 …
      const upload = await slowUpload(crew.budgeter, designing.id, 'budget', '给水工程预算书（更正）', await budgetXlsx());
      // … and meanwhile the design is submitted with the first budget: 待用户确认.
      const { app: confirming, budgetId } = await design(crew, designing);
      expect(confirming.state).toBe('confirming');
      const [late, confirmed] = await whileLocked(confirming.id, () => [
        upload.finish(),
        act(applicant.api, confirming.id, 'confirm_design', { budgetAttachmentId: budgetId }, key('confirm')),
      ]);
      expect(late).toMatchObject({ status: 403 });
      expect(confirmed?.status).toBe(200);
      const budgets = await Attachment.findAll({ where: { applicationId: app.id, category: 'budget' } });
      // Nothing of the refused upload was stored; the budget the customer confirmed is the current one.
      expect(budgets).toHaveLength(1);
      const log = await entries(app.id);
      const confirmation = log.find((e) => e.action === 'confirm_design');
      expect((confirmation?.payload.budget as { attachmentId: number }).attachmentId).toBe(budgets[0]?.id);
      expect(budgets[0]?.supersededById).toBeNull();
    });
  });

  it('登记已缴费 and 领导同意先施工 at once: exactly one of them, and the flags say which', async () => {
    const winners = { paid: 0, approved: 0 };
    await rounds(async () => {
      const { app } = await residentAtSurvey(server.url, crew);
      await survey(crew, app);
      await mustUpload(crew.cashier.api, app.id, 'payment_receipt', { displayName: '缴费收据', fileName: 'r.jpg', content: jpeg() });
      await must(crew.cashier.api, app.id, 'request_leader_approval', { comment: '用户承诺本周内缴费' });
      const [paid, approved] = await whileLocked(app.id, () => [
        act(crew.cashier.api, app.id, 'record_payment', { amount: 1850, paidOn: '2026-11-25', receiptNo: 'SJ-1' }, key('pay')),
        act(crew.leader.api, app.id, 'leader_approve', { comment: '同意' }, key('leader')),
      ]);
      expect([paid?.status, approved?.status].sort()).toEqual([200, 409]);
      const after = await Application.findByPk(app.id);
      expect(after?.state).toBe('construction');
      expect(after?.paid).toBe(paid?.status === 200);
      expect(after?.unpaidApproved).toBe(approved?.status === 200);
      const log = await entries(app.id);
      expect(log.filter((e) => e.action === 'record_payment' || e.action === 'leader_approve')).toHaveLength(1);
      winners[paid?.status === 200 ? 'paid' : 'approved']++;
    });
    console.log(`record_payment vs leader_approve: ${JSON.stringify(winners)}`);
  });
});

describe('two API processes on one database', () => {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) {
      child.kill('SIGKILL');
    }
    await Promise.all(children.map(exited));
  });

  it(`two different actions on one application through two processes: one wins, ${ROUNDS} rounds`, async () => {
    const env = {
      ...process.env,
      DATABASE_URL: server.config.databaseUrl,
      DATA_DIR: server.config.dataDir,
      JWT_SECRET: server.config.jwtSecret,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      IN_PROCESS_WORKERS: 'false',
    };
    const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    children.push(a.child, b.child);
    const reviewer = await createStaff(server.url, ['reviewer']);
    const outcomes = { approved: 0, returned: 0 };
    await rounds(async () => {
      const applicant = await createApplicant(server.url);
      const created = await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
      const id = created.body.data.id;
      const [approve, ret] = await whileLocked(id, () => [
        act(new Api(a.url, reviewer.token), id, 'approve', {}, key('approve')),
        act(new Api(b.url, reviewer.token), id, 'return', { comment: '请补充产权证明' }, key('return')),
      ]);
      expect([approve?.status, ret?.status].sort()).toEqual([200, 409]);
      const after = await Application.findByPk(id);
      const log = await entries(id);
      expect(log.map((e) => e.action).filter((a) => a === 'approve' || a === 'return')).toEqual([
        approve?.status === 200 ? 'approve' : 'return',
      ]);
      expect(after?.state).toBe(approve?.status === 200 ? 'dispatching' : 'returned');
      outcomes[approve?.status === 200 ? 'approved' : 'returned']++;
    });
    console.log(`approve (process A) vs return (process B): ${JSON.stringify(outcomes)}`);
  });
});

/**
 * A multipart upload sent in two parts, as a phone on a slow line does: the fields and the start of
 * the file now (the server checks the category against the step as the fields arrive), the rest
 * when `finish()` is called.
 */
async function slowUpload(
  who: TestUser,
  applicationId: number,
  category: string,
  displayName: string,
  content: Buffer,
): Promise<{ finish(): Promise<{ status: number; body: unknown }> }> {
  const boundary = `----race${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\n${category}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="displayName"\r\n\r\n${displayName}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="corrected.xlsx"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL(`${server.url}/api/applications/${applicationId}/attachments`);
  const req = httpRequest(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${who.token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + content.length + tail.length),
    },
  });
  const reply = new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null });
      });
    });
  });
  const half = Math.floor(content.length / 2);
  req.write(Buffer.concat([head, content.subarray(0, half)]));
  // Let the server read the fields and check them while the step still takes budgets.
  await sleep(300);
  return {
    finish() {
      req.end(Buffer.concat([content.subarray(half), tail]));
      return reply;
    },
  };
}
