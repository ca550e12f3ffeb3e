import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { getFlow } from '@wc/shared';
import { Op } from 'sequelize';
import { REPO_ROOT } from '../../src/config';
import { verifyChains } from '../../src/commands/integrity';
import { Application, HistoryEntry, OutboxMessage, OverdueAlert } from '../../src/models';
import { Api } from '../support/api';
import { exited, startServerProcess } from '../support/processes';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import type { AppView } from '../support/workflow';

/**
 * More than one machine: two API processes and two worker processes on one database (the test's
 * SQLite file, or its MariaDB database), driven at the same time. Then one API process killed with
 * SIGKILL at twenty random moments of a burst of transitions. Numbers stay unique, conflicts have one
 * winner, every committed transition has exactly its history entry and its notification, and
 * every overdue step gets exactly one alert.
 */

let server: TestServer;
const children: ChildProcess[] = [];
let clerk: TestUser;
let reviewer: TestUser;
let techHead: TestUser;

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: server.config.databaseUrl,
    DATA_DIR: server.config.dataDir,
    JWT_SECRET: server.config.jwtSecret,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    WORKER_POLL_MS: '200',
    ...extra,
  };
}

async function startApi(): Promise<{ child: ChildProcess; api: (token: string) => Api; url: string }> {
  const { child, url } = await startServerProcess(env({ IN_PROCESS_WORKERS: 'false' }));
  children.push(child);
  return { child, url, api: (token) => new Api(url, token) };
}

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'worker.ts')], { env: env(), stdio: 'ignore' });
  children.push(child);
  return child;
}

async function waitFor(condition: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) {
      throw new Error('timed out');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  server = await startTestServer();
  [clerk, reviewer, techHead] = await Promise.all([
    createStaff(server.url, ['window_clerk']),
    createStaff(server.url, ['reviewer']),
    createStaff(server.url, ['tech_head']),
  ]);
});

afterAll(async () => {
  for (const child of children) {
    child.kill('SIGKILL');
  }
  await Promise.all(children.map(exited));
  await server.close();
});

it('keeps numbers, conflicts, notifications and overdue alerts exact across two API and two worker processes', async () => {
  const [a, b] = await Promise.all([startApi(), startApi()]);
  startWorker();
  startWorker();

  // 100 applications at once, half through each process: 100 different numbers.
  const created = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      (i % 2 ? a : b).api(clerk.token).post<{ data: AppView }>('/api/applications', enterpriseForm({ name: `多进程${i}` })),
    ),
  );
  expect(created.map((r) => r.status)).toEqual(Array(100).fill(201));
  expect(new Set(created.map((r) => r.body.data.number)).size).toBe(100);

  // Online applications reviewed through both processes at once: one approval each.
  const applicants = await Promise.all(Array.from({ length: 10 }, () => createApplicant(server.url)));
  const online = await Promise.all(applicants.map((p) => p.api.post<{ data: AppView }>('/api/applications', enterpriseForm())));
  const votes = await Promise.all(
    online.flatMap((o) =>
      [a, b, a, b, a, b].map((p) => p.api(reviewer.token).post(`/api/applications/${o.body.data.id}/actions/approve`, {})),
    ),
  );
  expect(votes.filter((v) => v.status === 200)).toHaveLength(10);
  expect(votes.filter((v) => v.status >= 500)).toEqual([]);
  const ids = online.map((o) => o.body.data.id);
  expect(await HistoryEntry.count({ where: { applicationId: ids, action: 'approve' } })).toBe(10);

  // The workers deliver (record, in local mode) every notification once.
  await waitFor(async () => (await OutboxMessage.count({ where: { applicationId: ids, status: ['pending', 'sending'] } })) === 0);
  expect(await OutboxMessage.count({ where: { applicationId: ids, event: 'accepted' } })).toBe(10);

  // Dispatch is now overdue at once: both workers scan, each step gets exactly one alert.
  const admin = await createStaff(server.url, ['admin']);
  await a
    .api(admin.token)
    .put('/api/settings/steps/enterprise/dispatching', { thresholdValue: 0.0001, thresholdUnit: 'hours', defaultAssigneeId: null });
  await waitFor(async () => (await OverdueAlert.count({ where: { applicationId: ids } })) >= 10);
  await new Promise((r) => setTimeout(r, 1500));
  expect(await OverdueAlert.count({ where: { applicationId: ids } })).toBe(10);
  expect(await OutboxMessage.count({ where: { applicationId: ids, event: 'overdue' } })).toBe(10);
  await a
    .api(admin.token)
    .put('/api/settings/steps/enterprise/dispatching', { thresholdValue: 1, thresholdUnit: 'workdays', defaultAssigneeId: null });
  a.child.kill('SIGKILL');
  b.child.kill('SIGKILL');
}, 300_000);

it('loses no committed transition and doubles none when an API process is killed at 20 random moments', async () => {
  const apps = await Promise.all(Array.from({ length: 8 }, () => clerk.api.post<{ data: AppView }>('/api/applications', enterpriseForm())));
  const ids = apps.map((r) => r.body.data.id);
  let kills = 0;
  for (let round = 0; round < 20; round++) {
    const p = await startApi();
    // A burst of transitions: dispatch is rejected back to the window and resubmitted, over and over.
    const burst = (async () => {
      for (let i = 0; i < 40; i++) {
        await Promise.all(
          ids.map(async (id) => {
            const current = await p.api(clerk.token).get<{ data: AppView }>(`/api/applications/${id}`);
            const state = current.body?.data?.state;
            if (state === 'dispatching') {
              // 不通过 asks a 原因类别: the first one its form offers.
              const reason = current.body.data.availableActions.find((a) => a.key === 'reject_dispatch')?.reasonCategories?.[0]?.id;
              await p
                .api(techHead.token)
                .post(`/api/applications/${id}/actions/reject_dispatch`, { comment: `第${round}轮退回`, reasonCategoryId: reason });
            } else if (state === 'returned') {
              await p.api(clerk.token).post(`/api/applications/${id}/actions/resubmit`, {});
            }
          }),
        ).catch(() => undefined);
      }
    })();
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 700));
    p.child.kill('SIGKILL');
    kills += 1;
    await exited(p.child);
    await burst.catch(() => undefined);
  }
  expect(kills).toBe(20);

  // Every committed transition: its version step, its history entry, its notification — once.
  for (const id of ids) {
    const app = await Application.findByPk(id);
    const history = await HistoryEntry.findAll({ where: { applicationId: id }, order: [['seq', 'ASC']] });
    expect(history.length).toBe((app?.version ?? -1) + 1);
    expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
    const flow = getFlow('enterprise', 1);
    const notifying = history.filter((h) => flow.actions.find((x) => x.key === h.action)?.notify);
    const messages = await OutboxMessage.findAll({ where: { applicationId: id, audience: 'applicant', historyId: { [Op.ne]: null } } });
    expect(messages.map((m) => m.historyId).sort()).toEqual(notifying.map((h) => h.id).sort());
  }
  expect((await verifyChains()).problems).toEqual([]);
}, 900_000);
