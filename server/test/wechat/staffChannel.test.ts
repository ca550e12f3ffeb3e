import { OutboxDelivery, OutboxMessage } from '../../src/models';
import { createApplicant, enterpriseForm } from '../support/factories';
import type { AppView } from '../support/workflow';
import { startWechatWorld, type WechatWorld } from './support';

// The optional Wechaty staff group is configured here but cannot connect (no gateway answers; under
// jest the ES-module-only wechaty cannot even load): the state a utility sees while the bot account
// waits for its QR scan or after WeChat logged it out. Alerts must wait for the channel, not be
// counted as delivered ("recorded"), and /health must say the channel is down.

jest.setTimeout(60_000);

let world: WechatWorld;
beforeAll(async () => {
  world = await startWechatWorld({
    IN_PROCESS_WORKERS: 'true',
    WORKER_POLL_MS: '50',
    WECHATY_PUPPET: 'wechaty-puppet-service',
    WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_service_token_not_answering',
    WECHATY_ROOM_TOPIC: '报装工作群',
  });
});
afterAll(() => world.close());

interface Health {
  staffGroup?: { state: string; label: string; room: string; lastError: string | null; nextRetryAt: string | null } | null;
}

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > until) {
      return value;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a configured staff group that is not connected', () => {
  it('shows on /health as not connected, with the reason and when it retries', async () => {
    const health = await eventually(
      async () => (await (await fetch(`${world.server.url}/health`)).json()) as Health,
      (h) => h.staffGroup?.state === 'reconnecting',
    );
    expect(health.staffGroup).toMatchObject({ state: 'reconnecting', label: '连接中断，等待重连', room: '报装工作群' });
    expect(health.staffGroup?.lastError).toMatch(/^启动失败：/);
    expect(new Date(health.staffGroup?.nextRetryAt ?? 0).getTime()).toBeGreaterThan(Date.now());
  });

  it('keeps a staff alert waiting for the channel instead of marking it recorded', async () => {
    const applicant = await createApplicant(world.server.url);
    const app = (await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm())).body.data;
    const alert = await eventually(
      async () => OutboxMessage.findOne({ where: { applicationId: app.id, audience: 'staff' } }),
      (row) => row !== null && row.attempts > 0 && row.status !== 'sending',
    );
    expect(alert?.status).not.toBe('recorded');
    expect(alert).toMatchObject({ status: 'pending', channel: 'staff_group' });
    expect(alert?.lastError).toContain('员工微信群未连接');
    expect(alert?.nextAttemptAt?.getTime() ?? 0).toBeGreaterThan(Date.now());
    expect(await OutboxDelivery.findOne({ where: { outboxId: alert?.id ?? 0 } })).toMatchObject({
      channel: 'staff_group',
      outcome: 'error',
    });
  });
});
