import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { OutboxDelivery, OutboxMessage } from '../../src/models';
import { StaffGroupMissingError, type StaffGroup } from '../../src/wechat/staffGroup';
import { OutboxWorker } from '../../src/workers';
import { createApplicant, enterpriseForm } from '../support/factories';
import type { AppView } from '../support/workflow';
import { drain, startWechatWorld, type WechatWorld } from './support';

jest.setTimeout(60_000);

/** The Wechaty fixture in a child process (wechaty is ES modules only); resolves its output lines. */
function runGroup(lines: string[], topics: [string, string] = ['报装工作群', '报装工作群']): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures', 'staffGroupChild.ts'), ...topics], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('READY\n') && child.stdin.writable && !child.stdin.writableEnded) {
        child.stdin.end(lines.map((l) => `${l}\n`).join(''));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out.trim().split('\n')) : reject(new Error(`exit ${code}: ${err}`))));
  });
}

describe('staff WeChat group through Wechaty (wechaty-puppet-mock)', () => {
  it('logs the QR link to scan, logs in without bot.ready() and posts each alert to the group once', async () => {
    const out = await runGroup(['【新的待办】报装BZ2025030501已到「待审核」', '【办理超时】报装BZ2025030502']);
    expect(out).toEqual([
      `QR https://wechaty.js.org/qrcode/${encodeURIComponent('https://login.weixin.qq.com/l/mock-qrcode')}`,
      'STATE waiting_for_scan',
      'STATE connected',
      'READY',
      'ROOM 【新的待办】报装BZ2025030501已到「待审核」',
      'SENT 【新的待办】报装BZ2025030501已到「待审核」',
      'ROOM 【办理超时】报装BZ2025030502',
      'SENT 【办理超时】报装BZ2025030502',
    ]);
  });

  it('reports a group that does not exist instead of posting elsewhere', async () => {
    const out = await runGroup(['提醒'], ['报装工作群', '别的群']);
    expect(out.slice(-2)).toEqual(['READY', 'ERROR StaffGroupMissingError']);
  });

  it('after WeChat logs the account out: says so, refuses to post, and schedules a reconnection', async () => {
    const out = await runGroup(['第一条', '!logout', '第二条']);
    expect(out.slice(-5)).toEqual(['READY', 'ROOM 第一条', 'SENT 第一条', 'STATE reconnecting', 'ERROR StaffGroupNotConnectedError']);
  });
});

describe('staff alerts through the group channel', () => {
  let world: WechatWorld;
  beforeAll(async () => {
    world = await startWechatWorld();
  });
  afterAll(() => world.close());

  /** A group as the worker sees it (the Wechaty one is exercised above, in its own process). */
  function group(fail = false): StaffGroup & { posted: string[] } {
    const posted: string[] = [];
    return {
      name: '报装工作群',
      posted,
      status: () => ({
        state: 'connected',
        label: '已连接',
        room: '报装工作群',
        since: new Date().toISOString(),
        lastError: null,
        nextRetryAt: null,
      }),
      async send(text) {
        if (fail) {
          throw new StaffGroupMissingError('报装工作群');
        }
        posted.push(text);
      },
      stop: async () => undefined,
    };
  }

  it('posts a new-work alert to the group once and marks it sent', async () => {
    const applicant = await createApplicant(world.server.url);
    const app = (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm())).body.data;
    const connected = group();
    const worker = new OutboxWorker(world.server.config, { staffGroup: connected });
    await Promise.all([drain(worker), drain(new OutboxWorker(world.server.config, { staffGroup: connected }))]);
    const [alert] = await OutboxMessage.findAll({ where: { applicationId: app.id, audience: 'staff' } });
    expect(alert).toMatchObject({ status: 'sent', channel: 'staff_group' });
    expect(connected.posted.filter((t) => t.includes(app.number))).toEqual([
      `【新的待办】报装${app.number}（${app.name}）已到「待审核」，请及时办理。`,
    ]);
  });

  it('marks an alert failed when the group is gone', async () => {
    const applicant = await createApplicant(world.server.url);
    const app = (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm())).body.data;
    await drain(new OutboxWorker(world.server.config, { staffGroup: group(true) }));
    const [alert] = await OutboxMessage.findAll({ where: { applicationId: app.id, audience: 'staff' } });
    expect(alert?.status).toBe('failed');
    expect(await OutboxDelivery.findOne({ where: { outboxId: alert?.id ?? 0 } })).toMatchObject({
      outcome: 'refused',
      channel: 'staff_group',
    });
  });
});
