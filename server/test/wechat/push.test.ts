import { WechatFollower } from '../../src/models';
import { eventXml, sendPush, signPush, textXml, verifyUrl, type PushAccount } from '../../../test/stubs/wechatPush';
import { mpLogin, openidOf, startWechatWorld, type WechatWorld } from './support';

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

  it('refuses a bad signature and a stale timestamp, and answers a replayed nonce with nothing, changing nothing', async () => {
    const openid = openidOf('oa');
    const xml = eventXml({ toUser: account.appId, openid, event: 'subscribe' });
    expect((await sendPush(pushUrl, account, xml, { mode: 'plain', tamper: true })).status).toBe(401);
    expect(await follower(openid)).toBeNull();

    const timestamp = Math.floor(Date.now() / 1000);
    const nonce = `n${Date.now()}`;
    expect((await sendPush(pushUrl, account, xml, { mode: 'plain', timestamp, nonce })).status).toBe(200);
    await WechatFollower.update({ subscribed: false }, { where: { appId: account.appId, openid } });
    // A replay gets what a WeChat retry gets (200, empty body: see pushRetry.test.ts) and changes nothing.
    const replay = await sendPush(pushUrl, account, xml, { mode: 'plain', timestamp, nonce });
    expect(replay).toEqual({ status: 200, reply: '' });
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

  it('answers a replayed encrypted push with nothing and applies it once', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const openid = openidOf('aes');
    const xml = eventXml({ toUser: account.appId, openid, event: 'subscribe' });
    expect((await sendPush(pushUrl, account, xml, { mode: 'aes', timestamp, nonce: 'aesnonce1' })).reply).toContain('欢迎关注');
    await WechatFollower.update({ subscribed: false }, { where: { appId: account.appId, openid } });
    expect(await sendPush(pushUrl, account, xml, { mode: 'aes', timestamp, nonce: 'aesnonce1' })).toEqual({ status: 200, reply: '' });
    expect((await follower(openid))?.subscribed).toBe(false);
  });
});
