import { WechatFollower } from '../../src/models';
import { eventXml, sendPush, textXml, type PushAccount } from '../../../test/stubs/wechatPush';
import { openidOf, startWechatWorld, type WechatWorld } from './support';

// 消息管理 › 接收普通消息 / 接收事件推送: "微信服务器在五秒内收不到响应会断掉连接，并且重新发起请求，
// 总共重试三次" — de-duplicate messages by MsgId and events by FromUserName + CreateTime. Anything
// but 200 with an empty body (or `success`) shows the user "该公众号暂时无法提供服务，请稍后再试".

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
const now = () => Math.floor(Date.now() / 1000);
/** An operator's change between the first delivery and the retry: a second processing would undo it. */
const markUnsubscribed = (openid: string) => WechatFollower.update({ subscribed: false }, { where: { appId: account.appId, openid } });

describe.each(['plain', 'aes'] as const)('a push WeChat retries (%s mode)', (mode) => {
  it('answers the retry of an event 200 with an empty body and applies the event once', async () => {
    const openid = openidOf('rt');
    const xml = eventXml({ toUser: account.appId, openid, event: 'subscribe', createTime: now() });
    const first = await sendPush(pushUrl, account, xml, { mode });
    expect(first.status).toBe(200);
    expect(first.reply).toContain('欢迎关注');
    await markUnsubscribed(openid);

    // A retry is signed anew (its own timestamp and nonce) but carries the same XML.
    const retry = await sendPush(pushUrl, account, xml, { mode, timestamp: now() + 1, nonce: `retry${Date.now()}` });
    expect(retry).toEqual({ status: 200, reply: '' });
    expect((await follower(openid))?.subscribed).toBe(false);
  });

  it('answers a retry that repeats the same timestamp and nonce 200 with an empty body, not 401', async () => {
    const openid = openidOf('rt');
    const xml = eventXml({ toUser: account.appId, openid, event: 'subscribe', createTime: now() });
    const signing = { mode, timestamp: now(), nonce: `same${Date.now()}` };
    expect((await sendPush(pushUrl, account, xml, signing)).status).toBe(200);
    await markUnsubscribed(openid);
    expect(await sendPush(pushUrl, account, xml, signing)).toEqual({ status: 200, reply: '' });
    expect((await follower(openid))?.subscribed).toBe(false);
  });

  it('answers a retried text message (same MsgId) 200 with an empty body, once', async () => {
    const openid = openidOf('rt');
    const xml = textXml({ toUser: account.appId, openid, content: '怎么报装', msgId: `${Date.now()}123` });
    expect((await sendPush(pushUrl, account, xml, { mode })).reply).toContain('用户报装查询');
    expect(await sendPush(pushUrl, account, xml, { mode, nonce: `r${Date.now()}` })).toEqual({ status: 200, reply: '' });
  });

  it('processes three simultaneous deliveries of one message once', async () => {
    const openid = openidOf('rt');
    const xml = eventXml({ toUser: account.appId, openid, event: 'subscribe', createTime: now() });
    const replies = await Promise.all([1, 2, 3].map((i) => sendPush(pushUrl, account, xml, { mode, nonce: `par${i}${Date.now()}` })));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(replies.filter((r) => r.reply.includes('欢迎关注'))).toHaveLength(1);
    expect(replies.filter((r) => r.reply === '')).toHaveLength(2);
  });
});

describe('what is not a retry', () => {
  it('applies a subscribe and an unsubscribe from the same second: different events', async () => {
    const openid = openidOf('rt');
    const at = now();
    await sendPush(pushUrl, account, eventXml({ toUser: account.appId, openid, event: 'subscribe', createTime: at }), { mode: 'plain' });
    const gone = await sendPush(pushUrl, account, eventXml({ toUser: account.appId, openid, event: 'unsubscribe', createTime: at }), {
      mode: 'plain',
    });
    expect(gone.status).toBe(200);
    expect((await follower(openid))?.subscribed).toBe(false);
  });

  it('answers two text messages with different MsgIds each', async () => {
    const openid = openidOf('rt');
    for (const msgId of [`${Date.now()}001`, `${Date.now()}002`]) {
      const res = await sendPush(pushUrl, account, textXml({ toUser: account.appId, openid, content: '你好', msgId }), { mode: 'aes' });
      expect(res.reply).toContain('用户报装查询');
    }
  });
});

describe('the app id inside an encrypted push (安全模式: appid after the message)', () => {
  it('refuses a push encrypted for another app id with our token and key, storing nothing', async () => {
    const openid = openidOf('rt');
    const other = { ...account, appId: 'wx0ther0app0id0000' };
    const res = await sendPush(pushUrl, other, eventXml({ toUser: other.appId, openid, event: 'subscribe' }), { mode: 'aes' });
    expect(res.status).toBe(401);
    expect(await follower(openid)).toBeNull();
  });
});
