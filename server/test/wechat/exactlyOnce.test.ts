import type { ChildProcess } from 'node:child_process';
import { NOTIFICATION_TEXTS, type NotificationEvent } from '@wc/shared';
import { applicantNotification, queueMessages } from '../../src/commands/workflow/outbox';
import { withTransaction } from '../../src/db/transaction';
import { Application, OutboxDelivery, OutboxMessage } from '../../src/models';
import { services } from '../../src/services';
import { OutboxWorker } from '../../src/workers';
import { enterpriseForm } from '../support/factories';
import { exited } from '../support/processes';
import type { AppView } from '../support/workflow';
import { drain, spawnWorker, startWechatWorld, wechatApplicant, type WechatWorld } from './support';

jest.setTimeout(60_000);

let world: WechatWorld;

beforeAll(async () => {
  world = await startWechatWorld();
});
afterAll(() => world.close());

/** Resolves once the child worker has started (it logs one line on stdout). */
function started(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker started')) {
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${errors}`)));
  });
}

async function applicationOf(api: {
  post: (path: string, body: unknown) => Promise<{ status: number; body: unknown }>;
}): Promise<Application> {
  const res = await api.post('/api/applications', enterpriseForm());
  const app = await Application.findByPk((res.body as { data: AppView }).data.id);
  if (!app) {
    throw new Error('application missing');
  }
  return app;
}

const subscribeSendsTo = (openid: string) => world.stub.messages.filter((m) => m.kind === 'subscribe' && m.touser === openid);

describe('exactly once', () => {
  it('sends each event once while two workers here and one in another process compete for the rows', async () => {
    const events = Object.keys(NOTIFICATION_TEXTS) as NotificationEvent[];
    const person = await wechatApplicant(world, { consents: events.length + 1 });
    const app = await applicationOf(person.api);
    const child = spawnWorker(world, { LOG_LEVEL: 'info' });
    child.stdout?.setEncoding('utf8');
    try {
      await started(child);
      await withTransaction(services().sequelize, async (t) => {
        for (const event of events) {
          await queueMessages(
            [
              applicantNotification(app, event, {
                historyId: null,
                comment: '并发测试',
                stateLabel: '测试',
                at: new Date(),
                sender: { name: '自来水有限公司', phone: null },
              }),
            ],
            t,
          );
        }
      });
      const ids = (await OutboxMessage.findAll({ where: { applicationId: app.id, audience: 'applicant' } })).map((r) => r.id);
      const a = new OutboxWorker(world.server.config, { id: 'worker-a', batchSize: 3 });
      const b = new OutboxWorker(world.server.config, { id: 'worker-b', batchSize: 3 });
      const until = Date.now() + 30_000;
      while ((await OutboxMessage.count({ where: { id: ids, status: ['pending', 'sending'] } })) > 0 && Date.now() < until) {
        await Promise.all([a.runOnce(), b.runOnce()]);
      }
      const rows = await OutboxMessage.findAll({ where: { id: ids } });
      expect(rows.map((r) => r.status)).toEqual(ids.map(() => 'sent'));

      // Every title as often as it was queued (the application's own "submitted" makes that one twice).
      const count = (titles: (string | undefined)[]) =>
        titles.reduce<Record<string, number>>((acc, t) => ({ ...acc, [t ?? '']: (acc[t ?? ''] ?? 0) + 1 }), {});
      const expected = count([...events, 'submitted'].map((e) => NOTIFICATION_TEXTS[e as NotificationEvent].title));
      expect(count(subscribeSendsTo(person.openid).map((m) => m.data.thing2?.value))).toEqual(expected);
      const deliveries = await OutboxDelivery.findAll({ where: { outboxId: ids } });
      expect(deliveries).toHaveLength(ids.length);
      // Which worker won which claim is up to timing (one user's messages go strictly one after
      // another, so one worker may well win them all); that each went once is what counts.
      const workers = deliveries.map((d) => d.worker.split('#')[0] ?? '');
      console.log(
        `exactly once: ${ids.length} messages, senders ${JSON.stringify(workers.reduce<Record<string, number>>((acc, w) => ({ ...acc, [w]: (acc[w] ?? 0) + 1 }), {}))}`,
      );
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  });

  it('never resends a message whose worker was killed while WeChat had it', async () => {
    const person = await wechatApplicant(world, { consents: 2 });
    const hold = world.stub.holdNext('cgi-bin/message/subscribe/send');
    const app = await applicationOf(person.api);
    const child = spawnWorker(world, { WORKER_LEASE_SECONDS: '1' });
    child.stdout?.resume();
    try {
      await hold.arrived;
      child.kill('SIGKILL');
      await exited(child);
    } finally {
      hold.release();
    }
    // WeChat received it and delivers it; the answer went to a dead process.
    const deadline = Date.now() + 5000;
    while (subscribeSendsTo(person.openid).length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(subscribeSendsTo(person.openid)).toHaveLength(1);

    const [row] = await OutboxMessage.findAll({ where: { applicationId: app.id, audience: 'applicant' } });
    expect(row?.status).toBe('sending');
    const worker = new OutboxWorker(world.server.config, { id: 'survivor' });
    await drain(worker, () => new Date(Date.now() + 2_000));
    await drain(worker, () => new Date(Date.now() + 60_000));

    expect(subscribeSendsTo(person.openid)).toHaveLength(1);
    const after = await OutboxMessage.findByPk(row?.id);
    expect(after?.status).toBe('failed');
    expect(after?.lastError).toContain('无法确认微信是否已收到');
    const attempts = await OutboxDelivery.findAll({ where: { outboxId: row?.id ?? 0 } });
    expect(attempts.map((d) => d.outcome)).toEqual(['uncertain']);
  });

  it('sends a message whose worker died after claiming it but before sending', async () => {
    const person = await wechatApplicant(world, { consents: 1 });
    const app = await applicationOf(person.api);
    // What a worker killed between its claim and its attempt leaves: a lease, no attempt.
    await OutboxMessage.update(
      { status: 'sending', lockedBy: 'dead-worker#1', lockedUntil: new Date(Date.now() - 1000) },
      { where: { applicationId: app.id, audience: 'applicant' } },
    );
    await drain(new OutboxWorker(world.server.config, { id: 'heir' }));
    const [row] = await OutboxMessage.findAll({ where: { applicationId: app.id, audience: 'applicant' } });
    expect(row?.status).toBe('sent');
    expect(subscribeSendsTo(person.openid)).toHaveLength(1);
  });
});
