import { User, WechatFollower } from '../../src/models';
import { signOauthState } from '../../src/wechat/oauthState';
import { capturedLogs } from '../support/testServer';
import { openidOf, startWechatWorld, type LoginReply, type WechatWorld } from './support';
import { ticketOf, WechatBrowser } from './webLoginSupport';

let world: WechatWorld;

beforeAll(async () => {
  world = await startWechatWorld();
});
afterAll(() => world.close());

const COOKIE = 'wc_oauth';

describe('web login from the menu (OAuth snsapi_base)', () => {
  it('starts on our own address, which binds the state to this browser with a short-lived HttpOnly cookie', async () => {
    world.stub.oauthUser = { openid: openidOf('oa'), unionid: null };
    const browser = new WechatBrowser(world);
    const startUrl = await browser.startUrl('/h5/pages/apply/index');
    expect(new URL(startUrl).pathname).toBe('/api/wechat/oauth/start');

    const { start, callback } = await browser.throughWechat('/h5/pages/apply/index');
    expect(start.status).toBe(302);
    const setCookie = start.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^wc_oauth=/);
    expect(setCookie).toMatch(/httponly/i);
    expect(setCookie).toMatch(/samesite=lax/i);
    expect(setCookie).toMatch(/path=\/api\/wechat\/oauth/i);
    const lifetime = Date.parse(/expires=([^;]+)/i.exec(setCookie)?.[1] ?? '') - Date.now();
    expect(lifetime).toBeGreaterThan(0);
    expect(lifetime).toBeLessThanOrEqual(600_000);

    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.pathname).toBe('/connect/oauth2/authorize');
    expect(authorize.searchParams.get('scope')).toBe('snsapi_base');
    expect(authorize.hash).toBe('#wechat_redirect');
    // The state is a random nonce, not the page: WeChat allows [A-Za-z0-9] up to 128 bytes.
    const state = authorize.searchParams.get('state') ?? '';
    expect(state).toMatch(/^[A-Za-z0-9]{32,128}$/);
    expect(Buffer.from(state, 'hex').toString('utf8')).not.toContain('/h5/');
    expect(new URL(callback).searchParams.get('state')).toBe(state);
  });

  it('logs the H5 page in with a ticket in the fragment, back on the page it started from, once', async () => {
    world.stub.oauthUser = { openid: openidOf('oa'), unionid: null };
    const browser = new WechatBrowser(world);
    const before = capturedLogs.length;
    const end = await browser.login('/h5/pages/detail/index?id=12');
    expect(end.status).toBe(302);
    expect(end.location?.pathname).toBe('/h5/pages/detail/index');
    expect(end.location?.search).toBe('?id=12');
    const ticket = ticketOf(end);
    expect(ticket.length).toBeGreaterThan(20);
    // The nonce is spent: the cookie is cleared.
    expect(browser.cookie(COOKIE)).toBeUndefined();

    const exchanged = await world.api.post<LoginReply>('/api/wechat/oauth/exchange', { ticket });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body.data).toMatchObject({ privacyAgreed: false, user: { kind: 'applicant' } });
    expect((await world.api.post<LoginReply>('/api/wechat/oauth/exchange', { ticket })).status).toBe(401);
    expect(capturedLogs.slice(before).join('')).not.toContain(ticket);
    expect(capturedLogs.slice(before).join('')).not.toContain(exchanged.body.data.token);
  });

  it('refuses a callback in a browser that did not start the login (login CSRF): no account, no ticket, WeChat not asked', async () => {
    // The attacker walks the login in their own browser up to WeChat's redirect, and stops there …
    const attackerOpenid = openidOf('attacker');
    world.stub.oauthUser = { openid: attackerOpenid, unionid: null };
    const { callback } = await new WechatBrowser(world).throughWechat('/h5/pages/applications/index');
    const code = new URL(callback).searchParams.get('code') ?? '';
    const users = await User.count();

    // … and gets the victim's browser to open that address: one without the cookie …
    const victim = new WechatBrowser(world);
    const noCookie = await victim.open(callback);
    // … and one that started a login of its own (its cookie holds another nonce).
    world.stub.oauthUser = { openid: openidOf('victim'), unionid: null };
    await victim.throughWechat('/h5/pages/applications/index');
    const otherNonce = await victim.open(callback);

    for (const end of [noCookie, otherNonce]) {
      expect(end.status).toBe(400);
      expect(end.location).toBeNull();
      expect(end.html).toContain('登录链接已失效');
      expect(end.html).toContain('/api/wechat/oauth/start?redirect=');
    }
    expect(world.stub.callsTo('sns/oauth2/access_token').filter((r) => r.query.code === code)).toHaveLength(0);
    expect(await User.count()).toBe(users);
    expect(await WechatFollower.findOne({ where: { openid: attackerOpenid } })).toBeNull();
  });

  it('refuses a forged, tampered or expired cookie', async () => {
    world.stub.oauthUser = { openid: openidOf('oa'), unionid: null };
    const secret = world.server.config.cookieSecret;
    const cases: [string, (state: string, value: string) => string][] = [
      [
        'forged with another key',
        (state) => signOauthState({ nonce: state, path: '/h5/pages/apply/index' }, 'not-the-secret-'.repeat(3)).value,
      ],
      [
        'tampered page',
        (_state, value) => value.replace(/^([^.]+\.[^.]+\.)[0-9a-f]+/, `$1${Buffer.from('/h5/pages/mine/index').toString('hex')}`),
      ],
      [
        'expired',
        (state) => signOauthState({ nonce: state, path: '/h5/pages/apply/index' }, secret, new Date(Date.now() - 11 * 60_000)).value,
      ],
    ];
    for (const [name, cookieFor] of cases) {
      const browser = new WechatBrowser(world);
      const { callback } = await browser.throughWechat('/h5/pages/apply/index');
      const state = new URL(callback).searchParams.get('state') ?? '';
      browser.setCookie(COOKIE, cookieFor(state, browser.cookie(COOKIE) ?? ''));
      const end = await browser.open(callback);
      expect([name, end.status, ticketOf(end)]).toEqual([name, 400, '']);
    }
  });

  it('gives a 朋友圈 snapshot-page visitor a page asking for the full page, never an account', async () => {
    const openid = openidOf('snap');
    world.stub.oauthUser = { openid, unionid: 'un-snapshot', snapshot: true };
    world.stub.setFollower(openid, true, 'un-snapshot');
    const users = await User.count();
    const end = await new WechatBrowser(world).login('/h5/pages/apply/index');
    expect(end.status).toBe(200);
    expect(end.location).toBeNull();
    expect(end.html).toContain('使用完整服务');
    expect(ticketOf(end)).toBe('');
    expect(await User.count()).toBe(users);
    const virtualOpenid = (world.stub.callsTo('sns/oauth2/access_token').at(-1)?.reply as { openid: string }).openid;
    expect(await WechatFollower.findOne({ where: { openid: virtualOpenid } })).toBeNull();
    expect(world.stub.callsTo('cgi-bin/user/info').filter((r) => r.query.openid === virtualOpenid)).toHaveLength(0);
  });

  it('refuses to send the browser anywhere but our H5 pages', async () => {
    for (const redirect of ['https://evil.example/h5/', '/h5//evil.example', '/admin/', '//evil.example/h5/pages']) {
      const url = await world.api.get(`/api/wechat/oauth/url?redirect=${encodeURIComponent(redirect)}`);
      const start = await fetch(`${world.server.url}/api/wechat/oauth/start?redirect=${encodeURIComponent(redirect)}`, {
        redirect: 'manual',
      });
      expect([redirect, url.status, start.status]).toEqual([redirect, 400, 400]);
    }
  });

  it('sends a bad or reused code back to the page as an error, not a ticket', async () => {
    world.stub.oauthUser = { openid: openidOf('oa'), unionid: null };
    const browser = new WechatBrowser(world);
    const { callback } = await browser.throughWechat('/h5/pages/applications/index');
    const cookie = browser.cookie(COOKIE) ?? '';
    const first = await browser.open(callback);
    expect(ticketOf(first)).not.toBe('');
    // The same address again, with the same (replayed) cookie: the code is spent.
    browser.setCookie(COOKIE, cookie);
    const again = await browser.open(callback);
    expect(again.location?.toString()).toBe(`${world.server.url}/h5/pages/applications/index#wx_error=INVALID_CREDENTIALS`);
  });
});
