import type { Sequelize } from 'sequelize';
import { createSequelize } from '../../src/db/sequelize';
import { services } from '../../src/services';
import { fetchStableToken } from '../../src/wechat/client';
import { MiniProgram } from '../../src/wechat/miniProgram';
import { OfficialAccount } from '../../src/wechat/officialAccount';
import { TokenStore } from '../../src/wechat/tokenStore';
import { DEFAULT_OFFICIAL_TEMPLATE, DEFAULT_SUBSCRIBE_TEMPLATE } from '../../../test/stubs/wechatStub';
import { startWechatWorld, type WechatWorld } from './support';

let world: WechatWorld;
/** A second connection pool to the same database: another server process, as far as the store can tell. */
let otherProcess: Sequelize;

beforeAll(async () => {
  world = await startWechatWorld();
  world.stub.tokenDelayMs = 300;
  otherProcess = createSequelize(world.server.config);
});
afterAll(async () => {
  await otherProcess.close();
  await world.close();
});

/** A store for the official account, as a server process would make it. */
function store(sequelize: Sequelize, owner: string): TokenStore {
  const { stub } = world;
  return new TokenStore(
    sequelize,
    stub.officialAccount.appId,
    (force) => fetchStableToken(stub.url, stub.officialAccount.appId, stub.officialAccount.secret, force),
    { owner, pollMs: 20 },
  );
}

const fetches = () => world.stub.tokenFetches(world.stub.officialAccount.appId);

const TPL = DEFAULT_OFFICIAL_TEMPLATE.template_id;
/** A full set of the official template's keywords, `thing3` saying what the test is about. */
const oaData = (word: string) => ({
  character_string1: { value: 'BZ1' },
  thing2: { value: '珠江摩尔' },
  thing3: { value: word },
  time4: { value: '2025年3月5日 14:07' },
});
const TPL_SUB = DEFAULT_SUBSCRIBE_TEMPLATE.priTmplId;
const subData = (word: string) => ({
  character_string1: { value: 'BZ1' },
  thing2: { value: word },
  phrase3: { value: '已受理' },
  time4: { value: '2025年3月5日 14:07' },
  thing5: { value: '珠江摩尔' },
});

describe('one access token for every process', () => {
  it('fetches once when two processes (and many callers in each) need a token at the same moment', async () => {
    const a = store(services().sequelize, 'process-a');
    const b = store(otherProcess, 'process-b');
    const before = fetches();
    const tokens = await Promise.all([a.get(), b.get(), a.get(), b.get(), a.get(), b.get()]);
    expect(fetches() - before).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(await a.fetchCount()).toBe(1);
  });

  it('refreshes before expiry with one fetch, the others using the still-valid token meanwhile', async () => {
    const current = await store(services().sequelize, 'p0').get();
    // Time passes: the token is now inside the refresh margin (expires in a minute) — for WeChat
    // too, whose normal-mode stable_token would otherwise hand the same token back.
    world.stub.expireIn(current, 60);
    await services().sequelize.query('UPDATE wechat_access_tokens SET expires_at = :soon WHERE app_id = :app', {
      replacements: { soon: new Date(Date.now() + 60_000), app: world.stub.officialAccount.appId },
    });
    const before = fetches();
    const [first, second] = await Promise.all([store(services().sequelize, 'p1').get(), store(otherProcess, 'p2').get()]);
    expect(fetches() - before).toBe(1);
    const after = await store(otherProcess, 'p3').get();
    expect(after).not.toBe(current);
    // Each caller got either the old (still valid) token or the one new token: never a third.
    expect([current, after]).toContain(first);
    expect([current, after]).toContain(second);
  });

  it('after 40001, both processes report the stale token and one new token is fetched', async () => {
    const a = store(services().sequelize, 'pa');
    const b = store(otherProcess, 'pb');
    const stale = await a.get();
    expect(await b.get()).toBe(stale);
    world.stub.revokeTokens(world.stub.officialAccount.appId, 40001);
    const before = fetches();
    await Promise.all([a.invalidate(stale, 40001), b.invalidate(stale, 40001)]);
    const [fresh1, fresh2] = await Promise.all([a.get(), b.get()]);
    expect(fetches() - before).toBe(1);
    expect(fresh1).toBe(fresh2);
    expect(fresh1).not.toBe(stale);
  });
});

describe('calls that meet a refused token', () => {
  it('wechat-api: a 40001 is retried once with a fresh token, not the same stale one', async () => {
    world.stub.setFollower('oa-token-1', true);
    const oa = new OfficialAccount(world.server.config.wechat, services().sequelize);
    await oa.sendTemplate('oa-token-1', TPL, {}, oaData('预热'));
    world.stub.revokeTokens(world.stub.officialAccount.appId, 40001);
    const sendsBefore = world.stub.callsTo('cgi-bin/message/template/send').length;
    const before = fetches();
    await oa.sendTemplate('oa-token-1', TPL, {}, oaData('重试'));
    const sends = world.stub.callsTo('cgi-bin/message/template/send').slice(sendsBefore);
    expect(sends).toHaveLength(2);
    expect(sends[0]?.query.access_token).not.toBe(sends[1]?.query.access_token);
    expect(fetches() - before).toBe(1);
    expect(world.stub.messages.filter((m) => m.data.thing3?.value === '重试')).toHaveLength(1);
  });

  it('wechat-api: a 42001 (expired) is refetched and retried once by us', async () => {
    world.stub.setFollower('oa-token-2', true);
    const oa = new OfficialAccount(world.server.config.wechat, services().sequelize);
    await oa.sendTemplate('oa-token-2', TPL, {}, oaData('预热'));
    world.stub.revokeTokens(world.stub.officialAccount.appId, 42001);
    const before = fetches();
    await oa.sendTemplate('oa-token-2', TPL, {}, oaData('过期后'));
    expect(fetches() - before).toBe(1);
    expect(world.stub.messages.filter((m) => m.data.thing3?.value === '过期后')).toHaveLength(1);
  });

  it('gives up after one retry when WeChat keeps refusing the token', async () => {
    const oa = new OfficialAccount(world.server.config.wechat, services().sequelize);
    world.stub.failNext('cgi-bin/message/template/send', 42001, 2);
    await expect(oa.sendTemplate('oa-token-2', TPL, {}, oaData('不会送达'))).rejects.toMatchObject({ errcode: 42001 });
  });

  it('our own calls (subscribe messages) refetch and retry once too', async () => {
    const mp = new MiniProgram(world.server.config.wechat, services().sequelize);
    world.stub.grantSubscription('mp-token-1', TPL_SUB, 2);
    await mp.sendSubscribe({ touser: 'mp-token-1', templateId: TPL_SUB, page: 'pages/index/index', data: subData('预热') });
    world.stub.revokeTokens(world.stub.miniProgram.appId, 40001);
    const before = world.stub.tokenFetches(world.stub.miniProgram.appId);
    await mp.sendSubscribe({ touser: 'mp-token-1', templateId: TPL_SUB, page: 'pages/index/index', data: subData('换新令牌') });
    expect(world.stub.tokenFetches(world.stub.miniProgram.appId) - before).toBe(1);
    expect(world.stub.messages.filter((m) => m.data.thing2?.value === '换新令牌')).toHaveLength(1);
  });
});
