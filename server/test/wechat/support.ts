import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { WechatFollower } from '../../src/models';
import type { OutboxWorker } from '../../src/workers';
import { stubApps, stubEnv, WechatStub } from '../../../test/stubs/wechatStub';
import { Api } from '../support/api';
import { startTestServer, type TestServer } from '../support/testServer';

export interface WechatWorld {
  stub: WechatStub;
  server: TestServer;
  api: Api;
  /** The official account's push settings the server was given. */
  push: { appId: string; token: string; encodingAESKey: string };
  close(): Promise<void>;
}

/** A 43-character EncodingAESKey, as the WeChat console generates. */
export function newAesKey(): string {
  return randomBytes(32).toString('base64').replace(/=+$/, '');
}

/** The stub as "WeChat" and a server configured to use it. */
export async function startWechatWorld(env: Record<string, string> = {}): Promise<WechatWorld> {
  const apps = stubApps();
  const stub = await new WechatStub(apps.miniProgram, apps.officialAccount).start();
  const token = `tk${randomBytes(8).toString('hex')}`;
  const encodingAESKey = newAesKey();
  const server = await startTestServer({ ...stubEnv(stub, { token, aesKey: encodingAESKey }), ...env });
  return {
    stub,
    server,
    api: new Api(server.url),
    push: { appId: apps.officialAccount.appId, token, encodingAESKey },
    async close() {
      await server.close();
      await stub.close();
    },
  };
}

export interface LoginReply {
  data: {
    token: string;
    isNew: boolean;
    privacyAgreed: boolean;
    user: { id: number; kind: string; wechatBound: boolean; phone: string | null; username: string };
  };
  error: { code: string; message: string };
}

/** A WeChat user logging in to the mini program; resolves their API client. */
export async function mpLogin(world: WechatWorld, openid: string, unionid: string | null = null) {
  const res = await world.api.post<LoginReply>('/api/wechat/mp-login', {
    code: world.stub.loginCode(openid, unionid),
    agreedPrivacy: true,
  });
  if (res.status !== 200) {
    throw new Error(`mp-login → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { api: world.api.as(res.body.data.token), user: res.body.data.user, reply: res.body.data };
}

export const openidOf = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

/**
 * An applicant who logged in with the mini program, accepted `consents` one-time subscribe messages
 * (in WeChat — the stub — and recorded through our API) and, when `follows`, follows the official
 * account under the same unionid.
 */
export async function wechatApplicant(world: WechatWorld, options: { consents?: number; follows?: boolean } = {}) {
  const openid = openidOf('mp');
  const unionid = openidOf('un');
  const login = await mpLogin(world, openid, unionid);
  const templateId = world.server.config.wechat.templates.subscribe.id;
  for (let i = 0; i < (options.consents ?? 0); i++) {
    world.stub.grantSubscription(openid, templateId);
    const res = await login.api.post('/api/wechat/subscriptions', { templateIds: [templateId], accepted: [templateId] });
    if (res.status !== 200) {
      throw new Error(`subscriptions → ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  const oaOpenid = openidOf('oa');
  if (options.follows) {
    world.stub.setFollower(oaOpenid, true, unionid);
    await WechatFollower.create({
      appId: world.push.appId,
      openid: oaOpenid,
      unionid,
      userId: login.user.id,
      subscribed: true,
      subscribedAt: new Date(),
      unsubscribedAt: null,
      lastEventAt: new Date(),
    });
  }
  return { ...login, openid, unionid, oaOpenid, templateId };
}

/** Runs a worker until nothing is due; resolves the rows it handled. */
export async function drain(worker: OutboxWorker, now?: () => Date): Promise<number> {
  let total = 0;
  for (let i = 0; i < 50; i++) {
    const { claimed } = await worker.runOnce(now?.());
    total += claimed;
    if (claimed === 0) {
      return total;
    }
  }
  return total;
}

/** `npm run worker` as a child process on the test's database, with the stub as WeChat. */
export function spawnWorker(world: WechatWorld, env: Record<string, string> = {}): ChildProcess {
  const cfg = world.server.config;
  return spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'worker.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...stubEnv(world.stub, { token: world.push.token, aesKey: world.push.encodingAESKey }),
      DATABASE_URL: cfg.databaseUrl,
      DATA_DIR: cfg.dataDir,
      JWT_SECRET: cfg.jwtSecret,
      LOG_LEVEL: 'warn',
      WORKER_POLL_MS: '50',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
