import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { DEFAULT_OFFICIAL_TEMPLATE, DEFAULT_SUBSCRIBE_TEMPLATE, stubEnv } from '../../../test/stubs/wechatStub';
import { startWechatWorld, type WechatWorld } from './support';

/**
 * `npm run wechat:check`: the account's templates (as WeChat lists them) against our keyword maps,
 * printed in Chinese for the utility's WeChat administrator; and the same check logged by `npm start`.
 */
let world: WechatWorld;

beforeAll(async () => {
  world = await startWechatWorld();
});
afterAll(() => world.close());
afterEach(() => {
  world.stub.subscribeTemplates.splice(0, Infinity, { ...DEFAULT_SUBSCRIBE_TEMPLATE });
  world.stub.officialTemplates.splice(0, Infinity, { ...DEFAULT_OFFICIAL_TEMPLATE });
});

/** The environment a deployment would have: the stub as WeChat, the test's database. */
function deploymentEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const cfg = world.server.config;
  return {
    ...process.env,
    ...stubEnv(world.stub, { token: world.push.token, aesKey: world.push.encodingAESKey }),
    DATABASE_URL: cfg.databaseUrl,
    DATA_DIR: cfg.dataDir,
    JWT_SECRET: cfg.jwtSecret,
    PUBLIC_URL: 'https://bz.example-water.cn',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

function runCheck(extra: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'wechat-check.ts')], {
      cwd: REPO_ROOT,
      env: deploymentEnv(extra),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out }));
  });
}

const suggested = (out: string, setting: string): unknown => {
  const match = new RegExp(`${setting}='([^']+)'`).exec(out);
  return match?.[1] ? JSON.parse(match[1]) : null;
};

describe('npm run wechat:check', () => {
  it('passes when both templates have exactly our keywords', async () => {
    const { code, out } = await runCheck();
    expect(out).toContain('TPL_SUB_PROGRESS');
    expect(out).toContain('TPL_OA_PROGRESS');
    expect(out).toContain('一致');
    expect(code).toBe(0);
  });

  it('names what to change when the template numbers its keywords differently, and passes once changed', async () => {
    world.stub.subscribeTemplates[0] = {
      ...DEFAULT_SUBSCRIBE_TEMPLATE,
      content:
        '业务编号{{character_string1.DATA}}\n办理事项{{thing2.DATA}}\n更新时间{{time3.DATA}}\n办理状态{{phrase4.DATA}}\n申请单位{{thing5.DATA}}\n',
    };
    const first = await runCheck();
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/phrase3.*模板中没有/);
    expect(first.out).toMatch(/phrase4（办理状态）.*没有配置/);
    const fix = suggested(first.out, 'WECHAT_SUBSCRIBE_TEMPLATE_FIELDS');
    expect(fix).toEqual({ character_string1: 'number', thing2: 'title', time3: 'at', phrase4: 'phrase', thing5: 'name' });

    const second = await runCheck({ WECHAT_SUBSCRIBE_TEMPLATE_FIELDS: JSON.stringify(fix) });
    expect(second.out).not.toContain('不一致');
    expect(second.code).toBe(0);
  });

  it('refuses a value that does not suit the keyword type, and a template the account does not have', async () => {
    const wrongType = await runCheck({
      WECHAT_OA_TEMPLATE_FIELDS: JSON.stringify({ character_string1: 'number', thing2: 'name', thing3: 'title', time4: 'name' }),
    });
    expect(wrongType.code).toBe(1);
    expect(wrongType.out).toMatch(/time4（更新时间）.*时间/);
    expect(suggested(wrongType.out, 'WECHAT_OA_TEMPLATE_FIELDS')).toEqual({
      character_string1: 'number',
      thing2: 'name',
      thing3: 'title',
      time4: 'at',
    });

    const missing = await runCheck({ WECHAT_OA_TEMPLATE_ID: 'TPL_NOT_ADDED' });
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/TPL_NOT_ADDED.*不在公众号/);
  });

  it('lists the mini program domains to whitelist, with the OSS bucket for downloadFile when files are on OSS', async () => {
    const local = await runCheck();
    expect(local.out).toMatch(/downloadFile 合法域名：https:\/\/bz\.example-water\.cn\s*$/m);
    const oss = await runCheck({ STORAGE_DRIVER: 'oss', OSS_REGION: 'oss-cn-hangzhou', OSS_BUCKET: 'wc-files' });
    expect(oss.out).toMatch(/request 合法域名：https:\/\/bz\.example-water\.cn\s*$/m);
    expect(oss.out).toMatch(/downloadFile 合法域名：https:\/\/bz\.example-water\.cn、https:\/\/wc-files\.oss-cn-hangzhou\.aliyuncs\.com/);
  });
});

describe('npm start', () => {
  it('logs the same mismatch as a warning', async () => {
    world.stub.officialTemplates[0] = {
      ...DEFAULT_OFFICIAL_TEMPLATE,
      content: '报装编号{{character_string1.DATA}}\n办理进度{{thing3.DATA}}',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server', 'src', 'index.ts')], {
      cwd: REPO_ROOT,
      env: deploymentEnv({ PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', IN_PROCESS_WORKERS: 'false' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    try {
      const until = Date.now() + 30_000;
      while (!/微信模板检查/.test(out) && child.exitCode === null && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const line = out.split('\n').find((l) => l.includes('微信模板检查'));
      expect(line).toBeDefined();
      const entry = JSON.parse(line ?? '{}') as { level: number; msg: string; problems: string[] };
      expect(entry.level).toBe(40);
      expect(entry.msg).toContain('npm run wechat:check');
      expect(entry.problems.join('\n')).toMatch(/thing2（申请单位）?.*模板中没有|thing2.*模板中没有/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode === null ? child.once('close', resolve) : resolve(null)));
    }
  });
});
