/**
 * The WeChat build as WeChat DevTools opens it: project.config.json points at it, app.json lists
 * the tab pages and subpackages, every page has its four files, and the packages fit the budget.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST } from './support/simulator';

const ROOT = path.resolve(__dirname, '..', '..');

interface AppJson {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  tabBar: { list: { pagePath: string; text: string; iconPath: string; selectedIconPath: string }[] };
}

const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as AppJson;

it('is where project.config.json tells WeChat DevTools to look', () => {
  const project = JSON.parse(readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as { miniprogramRoot: string };
  expect(path.resolve(ROOT, project.miniprogramRoot)).toBe(DIST);
});

it('has the tab pages in the main package and one subpackage per domain, with the official account entry paths', () => {
  expect(app.pages).toEqual(['pages/index/index', 'pages/applications/index', 'pages/mine/index']);
  expect(app.tabBar.list.map((t) => t.text)).toEqual(['首页', '我的报装', '我的']);
  // 认领报装 is a package of its own: the window clerk's SMS links to it, and it carries none of the others.
  expect(app.subPackages.map((p) => p.root)).toEqual(['pages/apply', 'pages/progress', 'pages/account', 'pages/applications/claim']);
  const all = [...app.pages, ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
  // The official account's menu opens the first two as H5 pages, the claim SMS the third; the same paths exist in the mini program.
  expect(all).toEqual(expect.arrayContaining(['pages/apply/index', 'pages/applications/index', 'pages/applications/claim/index']));
  for (const page of all) {
    for (const ext of ['js', 'json', 'wxml', 'wxss']) {
      expect(existsSync(path.join(DIST, `${page}.${ext}`)) ? `${page}.${ext}` : `missing ${page}.${ext}`).toBe(`${page}.${ext}`);
    }
  }
  for (const tab of app.tabBar.list) {
    expect(existsSync(path.join(DIST, tab.iconPath))).toBe(true);
    expect(existsSync(path.join(DIST, tab.selectedIconPath))).toBe(true);
  }
});

it('keeps the main package within 1 MB and every package within WeChat’s limits', () => {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'weapp-size.mjs')], { encoding: 'utf8' });
  expect(run.stdout).toMatch(/主包 \(main\)/);
  expect(run.stdout).toMatch(/分包 pages\/apply/);
  expect(run.status).toBe(0);
  const mainKb = Number(/weapp_main_kb=([\d.]+)/.exec(run.stdout)?.[1]);
  expect(mainKb).toBeGreaterThan(50);
  expect(mainKb).toBeLessThanOrEqual(1024);
});
