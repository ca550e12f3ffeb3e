/**
 * The official account's menu in WeChat's browser, for real: Chromium walks our start address →
 * WeChat's authorize page (the stub) → our callback with the state cookie it was given, and comes
 * back logged in. An account made this way has no password: the 我的 page offers 设置用户名和密码,
 * whose form never asks for 原密码; afterwards the manual's password login works. A 朋友圈
 * snapshot-page visitor gets a page asking for the full page and no account. Screenshots go to
 * artifacts/browser/h5-wechat-account-*.png.
 */
import { createServer } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { unique } from '../../server/test/support/factories';
import { User } from '../../server/src/models';
import { openidOf, startWechatWorld, type WechatWorld } from '../../server/test/wechat/support';
import { expectCount, expectText, launchBrowser, screenshot } from '../support/browser';

jest.setTimeout(180_000);

/** WeChat 8.0.47 on Android 13, as its built-in browser announces itself. */
const WECHAT_ANDROID_UA =
  'Mozilla/5.0 (Linux; Android 13; V2183A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 ' +
  'Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) ' +
  'WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

let world: WechatWorld;
let browser: Browser;
let base = '';

/** A free port, so that PUBLIC_URL (where WeChat sends the browser back) is this server. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  [world, browser] = await Promise.all([startWechatWorld({ PORT: String(port), PUBLIC_URL: base }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

async function wechatPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    userAgent: WECHAT_ANDROID_UA,
  });
  return { context, page: await context.newPage() };
}

const shown = (page: Page, selector: string, hasText?: string) =>
  page.locator(selector, hasText ? { hasText } : undefined).filter({ visible: true });

it('menu → web login → 设置用户名和密码 without 原密码 → the password login works', async () => {
  world.stub.oauthUser = { openid: openidOf('oa'), unionid: null };
  const { context, page } = await wechatPage();
  try {
    // The menu entry opens our start address; WeChat (the stub) sends the browser back with a code.
    await page.goto(`${base}/api/wechat/oauth/start?redirect=${encodeURIComponent('/h5/pages/mine/index')}`);
    await page.waitForURL((url) => url.pathname === '/h5/pages/mine/index' && !url.hash.includes('wx_ticket'));
    await expectText(shown(page, '.mine-profile__name'), '微信用户');
    const offer = shown(page, '.link', '设置用户名和密码');
    await expectCount(offer, 1);
    await screenshot(page, 'h5-wechat-account-mine');

    await shown(page, '.mine-menu__item', '设置用户名和密码').click();
    await expectText(shown(page, '.account-page__section'), '尚未设置密码');
    await expectCount(shown(page, '.form-field', '原密码'), 0);
    const username = unique('wx').slice(0, 20);
    await shown(page, 'input[name="username"]').fill('ab');
    await shown(page, 'input[name="password"]').fill('water2024');
    await shown(page, 'input[name="confirm"]').fill('water2024');
    await shown(page, '.account-page__submit').click();
    await expectText(shown(page, '.form-field__error'), '用户名至少4个字符');
    await shown(page, 'input[name="username"]').fill(username);
    await screenshot(page, 'h5-wechat-account-set');
    await shown(page, '.account-page__submit').click();

    // Back on 我的: the entry is 修改密码 now, and the user name is the chosen one.
    await expectCount(shown(page, '.mine-menu__item', '修改密码'), 1, 15_000);
    await expectText(shown(page, '.mine-profile__info'), username);
    const login = await world.api.post<{ data: { user: { username: string } } }>('/api/auth/login', { username, password: 'water2024' });
    expect(login.status).toBe(200);
    expect(login.body.data.user.username).toBe(username);
  } finally {
    await context.close();
  }
});

it('a 朋友圈 snapshot-page visitor is asked to open the full page and gets no account', async () => {
  world.stub.oauthUser = { openid: openidOf('snap'), unionid: null, snapshot: true };
  const users = await User.count();
  const { context, page } = await wechatPage();
  try {
    await page.goto(`${base}/api/wechat/oauth/start?redirect=${encodeURIComponent('/h5/pages/apply/index')}`);
    await expectText(page.locator('h1'), '请打开完整页面');
    await expectText(page.locator('main'), '使用完整服务');
    expect(new URL(page.url()).pathname).toBe('/api/wechat/oauth/callback');
    await screenshot(page, 'h5-wechat-account-snapshot');
    expect(await User.count()).toBe(users);
  } finally {
    await context.close();
  }
});
