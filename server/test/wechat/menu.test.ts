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
      // Our own start address: it binds the login's state to the browser, then sends it to WeChat.
      const url = new URL(entry?.url ?? '');
      expect(`${url.origin}${url.pathname}`).toBe('https://water.example.cn/api/wechat/oauth/start');
      expect(url.searchParams.get('redirect')).toBe(page);
      const start = await fetch(`${world.server.url}${url.pathname}${url.search}`, { redirect: 'manual' });
      const authorize = new URL(start.headers.get('location') ?? '');
      expect(authorize.pathname).toBe('/connect/oauth2/authorize');
      expect(authorize.searchParams.get('appid')).toBe(world.stub.officialAccount.appId);
      expect(authorize.searchParams.get('redirect_uri')).toBe('https://water.example.cn/api/wechat/oauth/callback');
      expect(authorize.searchParams.get('scope')).toBe('snsapi_base');
    }
  });
});
