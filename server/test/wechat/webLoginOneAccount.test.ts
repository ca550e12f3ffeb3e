import { AuditEvent, User, WechatFollower } from '../../src/models';
import { hashPassword } from '../../src/lib/password';
import type { Api } from '../support/api';
import { enterpriseForm } from '../support/factories';
import { mpLogin, openidOf, startWechatWorld, type LoginReply, type WechatWorld } from './support';
import { ticketOf, WechatBrowser } from './webLoginSupport';

let world: WechatWorld;

beforeAll(async () => {
  world = await startWechatWorld();
});
afterAll(() => world.close());

const follower = (openid: string) => WechatFollower.findOne({ where: { appId: world.push.appId, openid } });

/** 用户报装查询 from the official account's menu, as this WeChat user: the session it ends in. */
async function menuLogin(oaOpenid: string) {
  world.stub.oauthUser = { openid: oaOpenid, unionid: null };
  const end = await new WechatBrowser(world).login('/h5/pages/applications/index');
  const res = await world.api.post<LoginReply>('/api/wechat/oauth/exchange', { ticket: ticketOf(end) });
  if (res.status !== 200) {
    throw new Error(`exchange → ${res.status} ${JSON.stringify(res.body)} (${end.location?.toString() ?? end.html})`);
  }
  return { api: world.api.as(res.body.data.token), user: res.body.data.user, reply: res.body.data };
}

async function apply(api: Api): Promise<number> {
  const res = await api.post<{ data: { id: number } }>('/api/applications', enterpriseForm());
  if (res.status !== 201) {
    throw new Error(`apply → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.data.id;
}

async function myList(api: Api): Promise<number[]> {
  const res = await api.get<{ data: { id: number }[] }>('/api/applications');
  return res.body.data.map((a) => a.id).sort((a, b) => a - b);
}

describe('one person, one account across the mini program and the official account', () => {
  it('mini program first, then 用户报装查询 from the menu: the same account and the same list', async () => {
    const unionid = openidOf('un');
    const mp = await mpLogin(world, openidOf('mp'), unionid);
    const applied = await apply(mp.api);
    // They follow the account; snsapi_base tells us nothing but the openid, user/info the unionid.
    const oaOpenid = openidOf('oa');
    world.stub.setFollower(oaOpenid, true, unionid);

    const web = await menuLogin(oaOpenid);
    expect(web.user.id).toBe(mp.user.id);
    expect(web.reply.isNew).toBe(false);
    expect(await myList(web.api)).toEqual([applied]);
    // Template messages find this follower through the account.
    expect(await follower(oaOpenid)).toMatchObject({ userId: mp.user.id, unionid, subscribed: true });
    expect(world.stub.callsTo('cgi-bin/user/info').some((r) => r.query.openid === oaOpenid)).toBe(true);
  });

  it('web login first (a follower), then the mini program: still one account', async () => {
    const unionid = openidOf('un');
    const oaOpenid = openidOf('oa');
    world.stub.setFollower(oaOpenid, true, unionid);
    const web = await menuLogin(oaOpenid);
    await web.api.post('/api/wechat/consent', { agreedPrivacy: true });
    const applied = await apply(web.api);

    const mp = await mpLogin(world, openidOf('mp'), unionid);
    expect(mp.user.id).toBe(web.user.id);
    expect(await myList(mp.api)).toEqual([applied]);
  });

  it('a non-follower gets an account of its own; once they follow, the follower is relinked to the mini-program account', async () => {
    const unionid = openidOf('un');
    const mp = await mpLogin(world, openidOf('mp'), unionid);
    const oaOpenid = openidOf('oa');
    // Not following: user/info says subscribe 0 and nothing more, so we cannot know who this is.
    const stranger = await menuLogin(oaOpenid);
    expect(stranger.user.id).not.toBe(mp.user.id);

    world.stub.setFollower(oaOpenid, true, unionid);
    const again = await menuLogin(oaOpenid);
    expect(again.user.id).toBe(mp.user.id);
    expect(await follower(oaOpenid)).toMatchObject({ userId: mp.user.id, unionid });
    // The duplicate owned nothing: it is retired (its old sessions end), nothing else changes.
    expect(await User.findByPk(stranger.user.id)).toMatchObject({ enabled: false });
    expect((await stranger.api.get('/api/auth/me')).status).toBe(401);
  });

  it('moves what a duplicate account applied for to the account it duplicates, with an audit record', async () => {
    const unionid = openidOf('un');
    const mp = await mpLogin(world, openidOf('mp'), unionid);
    const fromMp = await apply(mp.api);
    const oaOpenid = openidOf('oa');
    const duplicate = await menuLogin(oaOpenid);
    await duplicate.api.post('/api/wechat/consent', { agreedPrivacy: true });
    const fromMenu = await apply(duplicate.api);

    world.stub.setFollower(oaOpenid, true, unionid);
    const web = await menuLogin(oaOpenid);
    expect(web.user.id).toBe(mp.user.id);
    expect(await myList(web.api)).toEqual([fromMp, fromMenu].sort((a, b) => a - b));
    expect(await myList(mp.api)).toEqual([fromMp, fromMenu].sort((a, b) => a - b));
    const audit = await AuditEvent.findOne({ where: { action: 'user.merge_wechat', targetId: String(mp.user.id) } });
    expect(audit?.data).toMatchObject({ fromUserId: duplicate.user.id, applicationIds: [fromMenu] });
  });

  it('never merges an account its owner can log in to by password: both stay as they are', async () => {
    const unionid = openidOf('un');
    const mp = await mpLogin(world, openidOf('mp'), unionid);
    const oaOpenid = openidOf('oa');
    const other = await menuLogin(oaOpenid);
    await other.api.post('/api/wechat/consent', { agreedPrivacy: true });
    const kept = await apply(other.api);
    await User.update({ passwordHash: await hashPassword('abc12345') }, { where: { id: other.user.id } });

    world.stub.setFollower(oaOpenid, true, unionid);
    const web = await menuLogin(oaOpenid);
    expect(web.user.id).toBe(other.user.id);
    expect(await myList(web.api)).toEqual([kept]);
    expect(await myList(mp.api)).toEqual([]);
  });
});
