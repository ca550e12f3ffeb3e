import { execFile } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { stubEnv } from '../../../test/stubs/wechatStub';
import type { SelfMenuButton } from '../../../test/stubs/wechatMenu';
import { startWechatWorld, type WechatWorld } from './support';

// 自定义菜单 › 创建接口 replaces the whole menu; the utility already has one, made in the console.
// `npm run wechat:menu` must read it (查询接口 get_current_selfmenu_info), say what changes and keep it.

jest.setTimeout(90_000);

let world: WechatWorld;
beforeAll(async () => {
  world = await startWechatWorld({ PUBLIC_URL: 'https://water.example.cn' });
});
afterAll(() => world.close());

function runMenu(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cfg = world.server.config;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'wechat-menu.ts'), ...args],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          ...stubEnv(world.stub),
          DATABASE_URL: cfg.databaseUrl,
          DATA_DIR: cfg.dataDir,
          PUBLIC_URL: 'https://water.example.cn',
          LOG_LEVEL: 'warn',
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const names = () => world.stub.menu.buttons.map((b) => [b.name, ...(b.sub_button?.list ?? []).map((s) => s.name)]);
const creates = () => world.stub.callsTo('cgi-bin/menu/create').length;

/** 营业厅 (two web pages) and 水费查询 (a web page), as a utility's staff set them in the console. */
const consoleMenu = (): SelfMenuButton[] => [
  {
    name: '营业厅',
    sub_button: {
      list: [
        { type: 'view', name: '网上营业厅', url: 'https://water.example.cn/ywt/' },
        { type: 'view', name: '停水公告', url: 'https://water.example.cn/notice/' },
      ],
    },
  },
  { type: 'view', name: '水费查询', url: 'https://pay.example.cn/' },
];

describe('npm run wechat:menu keeps the menu the utility already has', () => {
  it('merges 综合服务 → 用户报装 / 用户报装查询 into the console-made menu and prints what changes', async () => {
    world.stub.setConsoleMenu(consoleMenu());
    const run = await runMenu();
    expect(run.code).toBe(0);
    expect(names()).toEqual([['营业厅', '网上营业厅', '停水公告'], ['水费查询'], ['综合服务', '用户报装', '用户报装查询']]);
    expect(run.stdout).toContain('当前菜单：');
    expect(run.stdout).toContain('+ 综合服务 › 用户报装：打开网页 https://');
    expect(run.stdout).toContain('+ 综合服务 › 用户报装查询：');
    expect(run.stdout).not.toMatch(/^\s*- /m);
    expect(world.stub.menu.buttons[1]).toMatchObject({ type: 'view', url: 'https://pay.example.cn/' });

    // Run again: nothing to change, nothing posted.
    const before = creates();
    const again = await runMenu();
    expect(again.stdout).toContain('变化：无');
    expect(creates()).toBe(before);
  });

  it('adds ours to an existing 综合服务 and replaces a same-named entry pointing elsewhere', async () => {
    world.stub.setConsoleMenu([
      {
        name: '综合服务',
        sub_button: {
          list: [
            { type: 'view', name: '用户报装', url: 'https://old.example.cn/apply' },
            { type: 'view', name: '办事指南', url: 'https://water.example.cn/guide/' },
          ],
        },
      },
    ]);
    const run = await runMenu();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('~ 综合服务 › 用户报装：打开网页 https://old.example.cn/apply → 打开网页 https://water.example.cn/');
    expect(names()).toEqual([['综合服务', '用户报装', '办事指南', '用户报装查询']]);
  });

  it('stops, changing nothing, when a fourth top-level button or a sixth sub-button would be needed', async () => {
    world.stub.setConsoleMenu([...consoleMenu(), { type: 'view', name: '联系我们', url: 'https://water.example.cn/contact/' }]);
    const before = creates();
    const full = await runMenu();
    expect(full.code).toBe(1);
    expect(full.stderr).toContain('微信最多允许 3 个，放不下「综合服务」');
    expect(creates()).toBe(before);

    world.stub.setConsoleMenu([
      {
        name: '综合服务',
        sub_button: {
          list: ['一', '二', '三', '四'].map((n) => ({ type: 'view', name: `指南${n}`, url: `https://water.example.cn/${n}` })),
        },
      },
    ]);
    const crowded = await runMenu();
    expect(crowded.code).toBe(1);
    expect(crowded.stderr).toContain('「综合服务」下将有 6 个子菜单，微信最多允许 5 个');
    expect(creates()).toBe(before);
    expect(names()).toEqual([['综合服务', '指南一', '指南二', '指南三', '指南四']]);
  });

  it('will not silently drop console-only entries (text replies), but --replace does, saying so', async () => {
    world.stub.setConsoleMenu([...consoleMenu(), { type: 'text', name: '服务热线', value: '客服电话：0000-12345' } as SelfMenuButton]);
    const before = creates();
    const refused = await runMenu();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('「服务热线」是在公众平台网页上设置的「文字消息」菜单');
    expect(creates()).toBe(before);

    const printed = await runMenu('--replace', '--print');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('- 营业厅 › 网上营业厅：打开网页 https://water.example.cn/ywt/');
    expect(printed.stdout).toContain('- 服务热线：文字消息');
    expect(creates()).toBe(before);

    const replaced = await runMenu('--replace');
    expect(replaced.code).toBe(0);
    expect(names()).toEqual([['综合服务', '用户报装', '用户报装查询']]);
  });
});
