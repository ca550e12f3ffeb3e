import type { ChildProcess } from 'node:child_process';
import { OutboxMessage } from '../../src/models';
import { Api } from '../support/api';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { exited, startServerProcess } from '../support/processes';
import { startTestServer, type TestServer } from '../support/testServer';
import type { AppView } from '../support/workflow';

/**
 * Each server process keeps the settings every action reads (步骤设置, 申请材料设置, 单位信息, the
 * calendar) and checks one version row per request (db/settingsCache.ts). An administrator saving
 * through one process behind the load balancer must count in every other process's very next
 * request: here this test's server has read each setting before another process changes it.
 */

let server: TestServer;
let other: { child: ChildProcess; url: string };
let admin: TestUser;
let clerk: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await createStaff(server.url, ['admin']);
  clerk = await createStaff(server.url, ['window_clerk']);
  other = await startServerProcess({
    ...process.env,
    DATABASE_URL: server.config.databaseUrl,
    DATA_DIR: server.config.dataDir,
    JWT_SECRET: server.config.jwtSecret,
    SEED_DEMO: 'false',
    IN_PROCESS_WORKERS: 'false',
    LOG_LEVEL: 'warn',
  });
});

afterAll(async () => {
  other.child.kill('SIGTERM');
  await exited(other.child);
  await server.close();
});

const here = () => new Api(server.url);
const there = () => new Api(other.url);

async function windowApplication(): Promise<AppView & Step> {
  const res = await here().as(clerk.token).post<{ data: AppView & Step }>('/api/applications', enterpriseForm());
  expect(res.status).toBe(201);
  return res.body.data;
}

/** The step's time limit as the list and detail show it: from entering the step to its due time. */
type Step = { step: { enteredAt: string; dueAt: string | null } };
const hoursToDue = (app: Step) => (Date.parse(app.step.dueAt ?? '') - Date.parse(app.step.enteredAt)) / 3_600_000;

it('a threshold saved through another process sets the due time of this process’s next application', async () => {
  const first = await windowApplication();
  const step = first.state;
  const put = (api: Api, hours: number) =>
    api
      .as(admin.token)
      .put(`/api/settings/steps/enterprise/${step}`, { thresholdValue: hours, thresholdUnit: 'hours', defaultAssigneeId: null });

  expect((await put(here(), 5)).status).toBe(200);
  expect(hoursToDue(await windowApplication())).toBe(5);
  expect((await put(there(), 7)).status).toBe(200);
  expect(hoursToDue(await windowApplication())).toBe(7);
});

it('申请材料设置 saved through another process is what this process gives the next form', async () => {
  const read = async () =>
    (await here().as(clerk.token).get<{ data: Record<string, Record<string, string>> }>('/api/settings/materials')).body.data;
  const before = await read();
  const [paper, mode] = Object.entries(before.enterprise ?? {})[0] ?? [];
  expect(paper).toBeDefined();
  const changed = mode === 'required' ? 'optional' : 'required';
  const body = { ...before, enterprise: { ...before.enterprise, [paper as string]: changed } };
  expect((await there().as(admin.token).put('/api/settings/materials', body)).status).toBe(200);
  expect((await read()).enterprise?.[paper as string]).toBe(changed);
});

it('单位信息 saved through another process names the utility in this process’s next notice', async () => {
  const save = (api: Api, name: string) =>
    api.as(admin.token).put('/api/settings/utility', {
      name,
      shortName: '',
      address: '福州市鼓楼区测试路1号',
      phone: '0591-87654321',
      bankName: '',
      bankAccount: '',
      accountName: '',
      contractPartyB: '',
    });
  expect((await save(here(), '甲市自来水公司')).status).toBe(200);
  expect((await noticeOf(await onlineApplication())).text).toContain('甲市自来水公司');
  expect((await save(there(), '乙市供水有限公司')).status).toBe(200);
  expect((await noticeOf(await onlineApplication())).text).toContain('乙市供水有限公司');
});

/** Submitted by an applicant online: the 「申请已提交」 notice names the utility. */
async function onlineApplication(): Promise<number> {
  const applicant = await createApplicant(server.url);
  const res = await here().as(applicant.token).post<{ data: AppView }>('/api/applications', enterpriseForm());
  expect(res.status).toBe(201);
  return res.body.data.id;
}

async function noticeOf(applicationId: number): Promise<{ text: string }> {
  const row = await OutboxMessage.findOne({ where: { applicationId, audience: 'applicant' }, order: [['id', 'ASC']] });
  return { text: String(row?.payload.text ?? '') };
}
