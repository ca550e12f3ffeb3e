import { WechatFollower } from '../../src/models';
import { eventXml, sendPush, signPush, textXml, verifyUrl, type PushAccount } from '../../../test/stubs/wechatPush';
import { capturedLogs } from '../support/testServer';
import { mpLogin, openidOf, startWechatWorld, type LoginReply, type WechatWorld } from './support';

let world: WechatWorld;
let account: PushAccount;
let pushUrl: string;

beforeAll(async () => {
  world = await startWechatWorld();
  account = world.push;
  pushUrl = `${world.server.url}/wechat/push`;
});
afterAll(() => world.close());

const follower = (openid: string) => WechatFollower.findOne({ where: { appId: account.appId, openid } });

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > until) {
      return value;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('URL verification (服务器配置)', () => {
  it('echoes echostr when the signature is right, and refuses a wrong one', async () => {
    const ok = await verifyUrl(pushUrl, account);
    expect(ok).toMatchObject({ status: 200, body: ok.echostr });
    const bad = await verifyUrl(pushUrl, account, { tamper: true });
    expect(bad.status).toBe(401);
    expect(bad.body).not.toContain(bad.echostr);
  });
});

describe('events in plain mode', () => {
  it('keeps subscribe and unsubscribe per follower and answers with a welcome', async () => {
    const openid = openidOf('oa');
    const subscribed = await sendPush(pushUrl, account, eventXml({ toUser: account.appId, openid, event: 'subscribe' }), { mode: 'plain' });
    expect(subscribed.status).toBe(200);
    expect(subscribed.reply).toContain('<MsgType><![CDATA[text]]></MsgType>');
    expect(subscribed.reply).toContain('综合服务 → 用户报装');
    expect(await follower(openid)).toMatchObject({ subscribed: true });

    const gone = await sendPush(pushUrl, account, eventXml({ toUser: account.appId, openid, event: 'unsubscribe' }), { mode: 'plain' });
    expect(gone.status).toBe(200);
    expect((await follower(openid))?.subscribed).toBe(false);

    // WeChat retrying an older subscribe must not undo the newer unsubscribe.
    const stale = eventXml({ toUser: account.appId, openid, event: 'subscribe', createTime: Math.floor(Date.now() / 1000) - 60 });
    expect((await sendPush(pushUrl, account, stale, { mode: 'plain' })).status).toBe(200);
    expect((await follower(openid))?.subscribed).toBe(false);
  });

  it('links a new follower to the mini-program account with the same unionid', async () => {
    const unionid = `un_${openidOf('u')}`;
    const { user } = await mpLogin(world, openidOf('mp'), unionid);
    const openid = openidOf('oa');
    world.stub.setFollower(openid, true, unionid);
    await sendPush(pushUrl, account, eventXml({ toUser: account.appId, openid, event: 'subscribe' }), { mode: 'plain' });
    const linked = await eventually(
      () => follower(openid),
      (f) => f?.userId === user.id,
    );
    expect(linked).toMatchObject({ userId: user.id, unionid, subscribed: true });
  });

  it('answers a text message with where to go', async () => {
    const res = await sendPush(pushUrl, account, textXml({ toUser: account.appId, openid: openidOf('oa'), content: '怎么报装' }), {
      mode: 'plain',
    });
    expect(res.reply).toContain('用户报装查询');
  });

  it('refuses a bad signature, a replayed nonce and a stale timestamp, changing nothing', async () => {
    const openid = openidOf('oa');
    const xml = eventXml({ toUser: account.appId, openid, event: 'subscribe' });
    expect((await sendPush(pushUrl, account, xml, { mode: 'plain', tamper: true })).status).toBe(401);
    expect(await follower(openid)).toBeNull();

    const timestamp = Math.floor(Date.now() / 1000);
    const nonce = `n${Date.now()}`;
    expect((await sendPush(pushUrl, account, xml, { mode: 'plain', timestamp, nonce })).status).toBe(200);
    await WechatFollower.update({ subscribed: false }, { where: { appId: account.appId, openid } });
    const replay = await sendPush(pushUrl, account, xml, { mode: 'plain', timestamp, nonce });
    expect(replay.status).toBe(401);
    expect((await follower(openid))?.subscribed).toBe(false);

    const old = await sendPush(pushUrl, account, eventXml({ toUser: account.appId, openid: openidOf('oa'), event: 'subscribe' }), {
      mode: 'plain',
      timestamp: timestamp - 3600,
    });
    expect(old.status).toBe(401);
  });

  it('refuses JSON and oversized bodies', async () => {
    const signed = signPush(account, '{}', { mode: 'plain' });
    const json = await fetch(`${pushUrl}?${signed.query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    const big = signPush(account, `<xml>${'x'.repeat(70_000)}</xml>`, { mode: 'plain' });
    const res = await fetch(`${pushUrl}?${big.query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: big.body });
    expect(res.status).toBe(413);
  });
});

describe('AES safe mode', () => {
  it('decrypts an encrypted event and encrypts the reply for our app id', async () => {
    const openid = openidOf('aes');
    const res = await sendPush(pushUrl, account, eventXml({ toUser: account.appId, openid, event: 'subscribe' }), { mode: 'aes' });
    expect(res.status).toBe(200);
    // sendPush decrypted the reply with the shared key: WeChat would read exactly this.
    expect(res.reply).toContain('欢迎关注');
    expect(res.reply).toContain(`<ToUserName><![CDATA[${openid}]]></ToUserName>`);
    expect(await follower(openid)).toMatchObject({ subscribed: true });
  });

  it('refuses an envelope whose msg_signature does not match', async () => {
    const openid = openidOf('aes');
    const res = await sendPush(pushUrl, account, eventXml({ toUser: account.appId, openid, event: 'subscribe' }), {
      mode: 'aes',
      tamper: true,
    });
    expect(res.status).toBe(401);
    expect(await follower(openid)).toBeNull();
  });

  it('refuses a replayed encrypted push', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const xml = eventXml({ toUser: account.appId, openid: openidOf('aes'), event: 'unsubscribe' });
    expect((await sendPush(pushUrl, account, xml, { mode: 'aes', timestamp, nonce: 'aesnonce1' })).status).toBe(200);
    expect((await sendPush(pushUrl, account, xml, { mode: 'aes', timestamp, nonce: 'aesnonce1' })).status).toBe(401);
  });
});

describe('web login from the menu (OAuth snsapi_base)', () => {
  async function walkOauth(redirect: string) {
    const urlRes = await world.api.get<{ data: { url: string } }>(`/api/wechat/oauth/url?redirect=${encodeURIComponent(redirect)}`);
    expect(urlRes.status).toBe(200);
    const authorize = new URL(urlRes.body.data.url);
    expect(authorize.searchParams.get('scope')).toBe('snsapi_base');
    expect(authorize.hash).toBe('#wechat_redirect');
    // "WeChat" (the stub) sends the browser to our callback with a code …
    const atWechat = await fetch(authorize, { redirect: 'manual' });
    expect(atWechat.status).toBe(302);
    const callback = atWechat.headers.get('location') ?? '';
    expect(callback.startsWith(`${world.server.config.publicUrl}/api/wechat/oauth/callback?`)).toBe(true);
    // … which we answer by sending it back to the page with a one-time ticket in the fragment.
    const atUs = await fetch(callback.replace(world.server.config.publicUrl, world.server.url), { redirect: 'manual' });
    expect(atUs.status).toBe(302);
    return new URL(atUs.headers.get('location') ?? '', world.server.url);
  }

  it('logs the H5 page in with a ticket that is in the fragment, works once and is never logged', async () => {
    const unionid = `un_${openidOf('u')}`;
    const { user } = await mpLogin(world, openidOf('mp'), unionid);
    world.stub.oauthUser = { openid: openidOf('oa'), unionid };
    const before = capturedLogs.length;
    const back = await walkOauth('/h5/pages/apply/index');
    expect(back.pathname).toBe('/h5/pages/apply/index');
    expect(back.search).toBe('');
    const ticket = /^#wx_ticket=([A-Za-z0-9_-]+)$/.exec(back.hash)?.[1] ?? '';
    expect(ticket.length).toBeGreaterThan(20);

    const exchanged = await world.api.post<LoginReply>('/api/wechat/oauth/exchange', { ticket });
    expect(exchanged.status).toBe(200);
    // The same person: the unionid ties the official account's openid to the mini-program account.
    expect(exchanged.body.data.user.id).toBe(user.id);
    expect((await world.api.post<LoginReply>('/api/wechat/oauth/exchange', { ticket })).status).toBe(401);
    expect(capturedLogs.slice(before).join('')).not.toContain(ticket);
    expect(capturedLogs.slice(before).join('')).not.toContain(exchanged.body.data.token);
  });

  it('creates an applicant for a WeChat user seen for the first time, who must still consent', async () => {
    world.stub.oauthUser = { openid: openidOf('oa'), unionid: null };
    const back = await walkOauth('/h5/pages/applications/index');
    const ticket = back.hash.replace('#wx_ticket=', '');
    const res = await world.api.post<LoginReply>('/api/wechat/oauth/exchange', { ticket });
    expect(res.body.data).toMatchObject({ privacyAgreed: false, user: { kind: 'applicant' } });
  });

  it('refuses to send the browser anywhere but our H5 pages', async () => {
    for (const redirect of ['https://evil.example/h5/', '/h5//evil.example', '/admin/', '//evil.example/h5/pages']) {
      const res = await world.api.get(`/api/wechat/oauth/url?redirect=${encodeURIComponent(redirect)}`);
      expect([redirect, res.status]).toEqual([redirect, 400]);
    }
    // A forged state falls back to the applications page.
    const forged = Buffer.from('https://evil.example', 'utf8').toString('hex');
    const res = await fetch(`${world.server.url}/api/wechat/oauth/callback?code=${world.stub.oauthCode(openidOf('oa'))}&state=${forged}`, {
      redirect: 'manual',
    });
    expect(res.headers.get('location')).toMatch(/^\/h5\/pages\/applications\/index#wx_ticket=/);
  });

  it('sends a bad or reused code back to the page as an error, not a ticket', async () => {
    const code = world.stub.oauthCode(openidOf('oa'));
    const first = await fetch(`${world.server.url}/api/wechat/oauth/callback?code=${code}&state=`, { redirect: 'manual' });
    expect(first.headers.get('location')).toContain('#wx_ticket=');
    const again = await fetch(`${world.server.url}/api/wechat/oauth/callback?code=${code}&state=`, { redirect: 'manual' });
    expect(again.headers.get('location')).toBe('/h5/pages/applications/index#wx_error=INVALID_CREDENTIALS');
  });
});
