import { WechatFollower } from '../../src/models';
import { encryptMessage, postRaw, sendPush, sha1, signPush, type PushAccount } from '../../../test/stubs/wechatPush';
import { openidOf, startWechatWorld, type WechatWorld } from './support';

// CVE-2023-0842: xml2js before 0.5.0 assigns `__proto__` element names as object keys. The `wechat`
// package parses the envelope of an encrypted push before checking its signature, so anyone who knows
// the push URL reaches the parser. These pushes must change nothing, signed or not.

let world: WechatWorld;
let account: PushAccount;
let pushUrl: string;

beforeAll(async () => {
  world = await startWechatWorld();
  account = world.push;
  pushUrl = `${world.server.url}/wechat/push`;
});
afterAll(() => world.close());

const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
function expectCleanPrototype(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).MsgType).toBeUndefined();
}
const follower = (openid: string) => WechatFollower.findOne({ where: { appId: account.appId, openid } });

/** A message whose fields hide behind `__proto__` and `constructor.prototype` elements. */
const pollutingXml = (openid: string) =>
  `<xml><ToUserName><![CDATA[${account.appId}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName>` +
  `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime>` +
  '<__proto__><MsgType>event</MsgType><Event>subscribe</Event><polluted>yes</polluted></__proto__>' +
  '<constructor><prototype><MsgType>event</MsgType><polluted>yes</polluted></prototype></constructor></xml>';

/** The query string of a push: timestamp and nonce, `signature` right or wrong, AES parameters when asked. */
function query(options: { signed: boolean; aes?: string }): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e10));
  const params = new URLSearchParams({
    signature: options.signed ? sha1([account.token, timestamp, nonce]) : '0'.repeat(40),
    timestamp,
    nonce,
  });
  if (options.aes !== undefined) {
    params.set('encrypt_type', 'aes');
    params.set('msg_signature', options.signed ? sha1([account.token, timestamp, nonce, options.aes]) : '1'.repeat(40));
  }
  return params.toString();
}

describe('pushes built to pollute prototypes', () => {
  it('refuses an unsigned "encrypted" envelope whose root element is __proto__, and keeps serving', async () => {
    const body = '<__proto__><Encrypt><![CDATA[x]]></Encrypt><polluted>yes</polluted></__proto__>';
    const res = await postRaw(pushUrl, query({ signed: false, aes: 'x' }), body);
    expect(res.status).toBe(401);
    expectCleanPrototype();
    // The server is still there and answers WeChat.
    expect((await fetch(`${world.server.url}/health`)).status).toBe(200);
  });

  it('refuses an unsigned envelope with __proto__ and constructor elements', async () => {
    const body = `<xml><ToUserName><![CDATA[${account.appId}]]></ToUserName><__proto__><Encrypt>x</Encrypt><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor></xml>`;
    expect((await postRaw(pushUrl, query({ signed: false, aes: 'x' }), body)).status).toBe(401);
    expect((await postRaw(pushUrl, query({ signed: false }), pollutingXml(openidOf('px')))).status).toBe(401);
    expectCleanPrototype();
  });

  it('refuses a signed envelope whose root is not <xml> without parsing it into anything', async () => {
    const body = '<__proto__><Encrypt><![CDATA[x]]></Encrypt></__proto__>';
    const res = await postRaw(pushUrl, query({ signed: true, aes: 'x' }), body);
    expect(res.status).toBe(400);
    expectCleanPrototype();
    expect((await fetch(`${world.server.url}/health`)).status).toBe(200);
  });

  it.each(['plain', 'aes'] as const)(
    'answers a correctly signed %s push with such elements with nothing, storing nothing',
    async (mode) => {
      const openid = openidOf('px');
      const res = await sendPush(pushUrl, account, pollutingXml(openid), { mode });
      expect(res).toEqual({ status: 200, reply: '' });
      expectCleanPrototype();
      expect(await follower(openid)).toBeNull();
    },
  );

  it('refuses a correctly signed and encrypted push whose decrypted root is __proto__', async () => {
    const encrypt = encryptMessage(account, '<__proto__><MsgType>event</MsgType><polluted>yes</polluted></__proto__>');
    const body = `<xml><ToUserName><![CDATA[${account.appId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    const res = await postRaw(pushUrl, query({ signed: true, aes: encrypt }), body);
    expect(res.status).toBe(401);
    expectCleanPrototype();
    expect((await fetch(`${world.server.url}/health`)).status).toBe(200);
  });

  it('still takes an ordinary signed push afterwards', async () => {
    const signed = signPush(
      account,
      `<xml><ToUserName><![CDATA[${account.appId}]]></ToUserName><FromUserName><![CDATA[${openidOf('px')}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content><MsgId>1${Date.now()}</MsgId></xml>`,
      { mode: 'plain' },
    );
    const res = await postRaw(pushUrl, signed.query, signed.body);
    expect(res.status).toBe(200);
    expect(res.reply).toContain('用户报装查询');
  });
});
