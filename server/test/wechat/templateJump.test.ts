import { OutboxMessage } from '../../src/models';
import { OutboxWorker } from '../../src/workers';
import { createStaff, enterpriseForm, type TestUser } from '../support/factories';
import type { AppView } from '../support/workflow';
import { drain, startWechatWorld, wechatApplicant, type WechatWorld } from './support';

/**
 * WECHAT_OA_TEMPLATE_JUMP=miniprogram: template messages open the mini program — which WeChat only
 * allows when it is linked to the official account (关联小程序). (The default, the H5 page, is in
 * outbox.test.ts.)
 */
let world: WechatWorld;
let admin: TestUser;
let worker: OutboxWorker;

beforeAll(async () => {
  world = await startWechatWorld({ WECHAT_OA_TEMPLATE_JUMP: 'miniprogram' });
  admin = await createStaff(world.server.url, ['admin']);
  worker = new OutboxWorker(world.server.config, { id: 'jump-worker' });
});
afterAll(() => world.close());

async function apply(api: TestUser['api']): Promise<AppView> {
  const res = await api.post<{ data: AppView }>('/api/applications', enterpriseForm());
  if (res.status !== 201) {
    throw new Error(`apply → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.data;
}

const sendsTo = (openid: string) =>
  world.stub.callsTo('cgi-bin/message/template/send').filter((r) => (r.body as { touser?: string }).touser === openid);

describe('template messages that open the mini program', () => {
  it('open the mini program (with the H5 page as fallback) when it is linked to the account', async () => {
    world.stub.miniProgramLinked = true;
    const person = await wechatApplicant(world, { consents: 0, follows: true });
    const app = await apply(person.api);
    await drain(worker);
    const page = `pages/progress/detail/index?id=${app.id}`;
    expect(world.stub.messages.filter((m) => m.touser === person.oaOpenid)).toEqual([
      expect.objectContaining({
        miniprogram: { appid: world.stub.miniProgram.appId, pagepath: page },
        url: `${world.server.config.publicUrl}/h5/${page}`,
      }),
    ]);
  });

  it('when it is not linked, WeChat refuses; the message goes again with the H5 page and the admin sees why', async () => {
    world.stub.miniProgramLinked = false;
    const person = await wechatApplicant(world, { consents: 0, follows: true });
    const app = await apply(person.api);
    await drain(worker);

    const [row] = await OutboxMessage.findAll({ where: { applicationId: app.id, audience: 'applicant' } });
    expect(row).toMatchObject({ status: 'sent', channel: 'oa_template' });
    const sends = sendsTo(person.oaOpenid);
    expect(sends.map((s) => (s.reply as { errcode: number }).errcode)).toEqual([40165, 0]);
    expect(sends[1]?.body).not.toHaveProperty('miniprogram');
    expect(world.stub.messages.filter((m) => m.touser === person.oaOpenid)).toEqual([
      expect.objectContaining({
        url: `${world.server.config.publicUrl}/h5/pages/progress/detail/index?id=${app.id}`,
        miniprogram: undefined,
      }),
    ]);

    const list = await admin.api.get<{ data: { id: number; lastAttempt: { outcome: string; errorCode: number; errorMessage: string } }[] }>(
      '/api/admin/notifications?audience=applicant&pageSize=200',
    );
    expect(list.body.data.find((n) => n.id === row?.id)?.lastAttempt).toMatchObject({
      outcome: 'sent',
      errorCode: 40165,
      errorMessage: expect.stringContaining('关联小程序'),
    });
  });
});
