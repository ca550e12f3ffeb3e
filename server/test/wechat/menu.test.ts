import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../src/config';
import { stubEnv } from '../../../test/stubs/wechatStub';
import { startWechatWorld, type WechatWorld } from './support';

jest.setTimeout(60_000);

let world: WechatWorld;
beforeAll(async () => {
  world = await startWechatWorld({ PUBLIC_URL: 'https://water.example.cn' });
});
afterAll(() => world.close());

describe('npm run wechat:menu', () => {
  it('creates 综合服务 → 用户报装 / 用户报装查询, each through web authorization back to its H5 page', async () => {
    const cfg = world.server.config;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'wechat-menu.ts')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...stubEnv(world.stub),
        DATABASE_URL: cfg.databaseUrl,
        DATA_DIR: cfg.dataDir,
        PUBLIC_URL: 'https://water.example.cn',
        LOG_LEVEL: 'warn',
      },
    });
    expect(stdout).toContain('公众号菜单已创建');
    const [call] = world.stub.callsTo('cgi-bin/menu/create');
    expect(call?.query.access_token).toMatch(new RegExp(`^AT_${world.stub.officialAccount.appId}_`));
    const menu = call?.body as { button: { name: string; sub_button: { type: string; name: string; url: string }[] }[] };
    expect(menu.button.map((b) => b.name)).toEqual(['综合服务']);
    const [apply, query] = menu.button[0]?.sub_button ?? [];
    expect([apply?.name, query?.name]).toEqual(['用户报装', '用户报装查询']);
    for (const [entry, page] of [
      [apply, '/h5/pages/apply/index'],
      [query, '/h5/pages/applications/index'],
    ] as const) {
      expect(entry?.type).toBe('view');
      const url = new URL(entry?.url ?? '');
      expect(url.pathname).toBe('/connect/oauth2/authorize');
      expect(url.searchParams.get('appid')).toBe(world.stub.officialAccount.appId);
      expect(url.searchParams.get('redirect_uri')).toBe('https://water.example.cn/api/wechat/oauth/callback');
      expect(url.searchParams.get('scope')).toBe('snsapi_base');
      expect(Buffer.from(url.searchParams.get('state') ?? '', 'hex').toString()).toBe(page);
    }
  });
});
