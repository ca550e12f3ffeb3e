import { services } from '../../src/services';
import { MiniProgram } from '../../src/wechat/miniProgram';
import { OfficialAccount } from '../../src/wechat/officialAccount';
import { DEFAULT_OFFICIAL_TEMPLATE, DEFAULT_SUBSCRIBE_TEMPLATE } from '../../../test/stubs/wechatStub';
import { startWechatWorld, type WechatWorld } from './support';

/**
 * The utility's official account is also used by its existing vendor's system (and by DevTools):
 * another program holding the same AppID and secret, fetching tokens on its own.
 */
let world: WechatWorld;

beforeAll(async () => {
  world = await startWechatWorld();
});
afterAll(() => world.close());

const TEMPLATE = DEFAULT_OFFICIAL_TEMPLATE.template_id;
const data = (word: string) => ({
  character_string1: { value: 'BZ1' },
  thing2: { value: word },
  thing3: { value: '申请已受理' },
  time4: { value: '2025年3月5日 14:07' },
});

/** The other system, calling WeChat itself. */
const vendor = {
  async classicToken(): Promise<string> {
    const { appId, secret } = world.stub.officialAccount;
    const res = await fetch(`${world.stub.url}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${secret}`);
    return ((await res.json()) as { access_token: string }).access_token;
  },
  async stableToken(forceRefresh: boolean): Promise<string> {
    const { appId, secret } = world.stub.officialAccount;
    const res = await fetch(`${world.stub.url}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: appId, secret, force_refresh: forceRefresh }),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  },
  /** Whether WeChat still accepts the token (a call every system makes). */
  async works(token: string): Promise<boolean> {
    const res = await fetch(`${world.stub.url}/cgi-bin/user/info?access_token=${token}&openid=oa-anyone`);
    return ((await res.json()) as { errcode?: number }).errcode === undefined;
  },
};

const sendReplies = (from: number) =>
  world.stub
    .callsTo('cgi-bin/message/template/send')
    .slice(from)
    .map((r) => (r.reply as { errcode?: number }).errcode);

describe('one AppID, two systems', () => {
  it('another system fetching tokens the old way (cgi-bin/token) neither knocks ours out nor loses its own', async () => {
    world.stub.setFollower('oa-shared-1', true);
    const oa = new OfficialAccount(world.server.config.wechat, services().sequelize);
    await oa.sendTemplate('oa-shared-1', TEMPLATE, {}, data('预热'));

    const theirs = await vendor.classicToken();
    // Past the five minutes in which WeChat keeps a replaced token working.
    world.stub.advance(6 * 60_000);
    const sendsBefore = world.stub.callsTo('cgi-bin/message/template/send').length;
    const fetchesBefore = world.stub.tokenFetches(world.stub.officialAccount.appId);
    await oa.sendTemplate('oa-shared-1', TEMPLATE, {}, data('旁边有人取令牌'));

    // Our send went through at once: no 40001 on the way, no token fetched for it.
    expect(sendReplies(sendsBefore)).toEqual([0]);
    expect(world.stub.tokenFetches(world.stub.officialAccount.appId) - fetchesBefore).toBe(0);
    // And we did not knock theirs out either, even after another five minutes.
    world.stub.advance(6 * 60_000);
    expect(await vendor.works(theirs)).toBe(true);
  });

  it('another system on stable_token (normal mode) gets the very token we use, which keeps working', async () => {
    world.stub.setFollower('oa-shared-2', true);
    const oa = new OfficialAccount(world.server.config.wechat, services().sequelize);
    await oa.sendTemplate('oa-shared-2', TEMPLATE, {}, data('预热'));
    const ours = world.stub.callsTo('cgi-bin/message/template/send').at(-1)?.query.access_token;

    expect(await vendor.stableToken(false)).toBe(ours);
    const sendsBefore = world.stub.callsTo('cgi-bin/message/template/send').length;
    await oa.sendTemplate('oa-shared-2', TEMPLATE, {}, data('同一令牌'));
    expect(sendReplies(sendsBefore)).toEqual([0]);
  });

  it('asks stable_token in normal mode; after another system forced a refresh (40001) it takes the new token, not forcing in turn', async () => {
    world.stub.setFollower('oa-shared-3', true);
    const oa = new OfficialAccount(world.server.config.wechat, services().sequelize);
    await oa.sendTemplate('oa-shared-3', TEMPLATE, {}, data('预热'));
    const { appId, secret } = world.stub.officialAccount;
    const ourCalls = world.stub.callsTo('cgi-bin/stable_token');
    expect(ourCalls.length).toBeGreaterThan(0);
    for (const call of ourCalls) {
      expect(call.method).toBe('POST');
      expect(call.body).toEqual({
        grant_type: 'client_credential',
        appid: expect.any(String),
        secret: expect.any(String),
        force_refresh: false,
      });
    }
    expect(ourCalls.some((c) => (c.body as { appid: string }).appid === appId && (c.body as { secret: string }).secret === secret)).toBe(
      true,
    );

    // The other system force-refreshes (say its operator thought the token leaked): ours is void.
    const theirs = await vendor.stableToken(true);
    world.stub.advance(60_000);
    const stableBefore = world.stub.callsTo('cgi-bin/stable_token').length;
    const sendsBefore = world.stub.callsTo('cgi-bin/message/template/send').length;
    await oa.sendTemplate('oa-shared-3', TEMPLATE, {}, data('强制刷新之后'));
    expect(sendReplies(sendsBefore)).toEqual([40001, 0]);
    const after = world.stub.callsTo('cgi-bin/stable_token').slice(stableBefore);
    expect(after.map((c) => (c.body as { force_refresh: boolean }).force_refresh)).toEqual([false]);
    expect(world.stub.callsTo('cgi-bin/message/template/send').at(-1)?.query.access_token).toBe(theirs);
    expect(await vendor.works(theirs)).toBe(true);
    expect(world.stub.messages.filter((m) => m.data.thing2?.value === '强制刷新之后')).toHaveLength(1);
  });

  it('forces one refresh when WeChat voids our token (40001) yet normal mode keeps handing it back', async () => {
    world.stub.setFollower('oa-shared-4', true);
    const oa = new OfficialAccount(world.server.config.wechat, services().sequelize);
    await oa.sendTemplate('oa-shared-4', TEMPLATE, {}, data('预热'));
    world.stub.advance(60_000);
    world.stub.revokeTokens(world.stub.officialAccount.appId, 40001, { stillHandedOut: true });
    const stableBefore = world.stub.callsTo('cgi-bin/stable_token').length;
    const sendsBefore = world.stub.callsTo('cgi-bin/message/template/send').length;
    await oa.sendTemplate('oa-shared-4', TEMPLATE, {}, data('只能强制刷新'));
    expect(sendReplies(sendsBefore)).toEqual([40001, 0]);
    const after = world.stub.callsTo('cgi-bin/stable_token').slice(stableBefore);
    expect(after.map((c) => (c.body as { force_refresh: boolean }).force_refresh)).toEqual([false, true]);
    expect(world.stub.messages.filter((m) => m.data.thing2?.value === '只能强制刷新')).toHaveLength(1);
  });

  it('the mini program uses stable_token too; neither app ever calls cgi-bin/token', async () => {
    const mp = new MiniProgram(world.server.config.wechat, services().sequelize);
    world.stub.grantSubscription('mp-shared-1', DEFAULT_SUBSCRIBE_TEMPLATE.priTmplId);
    await mp.sendSubscribe({
      touser: 'mp-shared-1',
      templateId: DEFAULT_SUBSCRIBE_TEMPLATE.priTmplId,
      page: 'pages/progress/detail/index',
      data: {
        character_string1: { value: 'BZ1' },
        thing2: { value: '申请已受理' },
        phrase3: { value: '已受理' },
        time4: { value: '2025年3月5日 14:07' },
        thing5: { value: '珠江摩尔' },
      },
    });
    expect(
      world.stub.callsTo('cgi-bin/stable_token').some((c) => (c.body as { appid?: string }).appid === world.stub.miniProgram.appId),
    ).toBe(true);
    // Only the other system's one call of the first test.
    expect(world.stub.callsTo('cgi-bin/token')).toHaveLength(1);
  });
});
