import { services } from '../../src/services';
import { sendAppMessage } from '../../src/wecom/appMessage';
import { wecomFromEnv } from '../../src/wecom/config';
import { sendRobotMessage } from '../../src/wecom/robot';
import { ChannelSendError } from '../../src/workers/channels/errors';
import { WecomStub, wecomEnv } from '../../../test/stubs/wecomStub';
import { startTestServer, type TestServer } from '../support/testServer';

// The 企业微信 clients themselves against the stub: what each platform answer means for a send.

jest.setTimeout(60_000);

let stub: WecomStub;
let server: TestServer;
beforeAll(async () => {
  stub = await new WecomStub().start();
  stub.users.add('zhangsan');
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await stub.close();
});

/** A fresh configuration object: its own token store, as a newly started process has. */
const config = (env: Record<string, string> = {}) => {
  const c = wecomFromEnv({ ...wecomEnv(stub), ...env });
  if (c.agentId === null) {
    throw new Error('agent id');
  }
  return { ...c, agentId: c.agentId };
};

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof ChannelSendError ? { kind: error.kind, code: error.code, message: error.message } : error),
  );

it('fetches one token for ten messages sent at the same moment', async () => {
  const before = stub.tokenFetches;
  const c = config();
  await Promise.all(Array.from({ length: 10 }, (_, i) => sendAppMessage(c, services().sequelize, ['zhangsan'], `第${i}条`)));
  expect(stub.tokenFetches - before).toBe(1);
  expect(stub.messagesTo('zhangsan').filter((m) => m.content.startsWith('第'))).toHaveLength(10);
});

it('counts a refused token fetch (40013 wrong 企业ID, 40001 wrong Secret) as not sent', async () => {
  const wrongCorp = await failure(sendAppMessage(config({ WECOM_CORP_ID: 'wwnotmine' }), services().sequelize, ['zhangsan'], '甲'));
  expect(wrongCorp).toMatchObject({ kind: 'not_sent', code: '40013' });
  const wrongSecret = await failure(sendAppMessage(config({ WECOM_SECRET: 'nope' }), services().sequelize, ['zhangsan'], '乙'));
  expect(wrongSecret).toMatchObject({ kind: 'not_sent', code: '40001' });
});

it('counts 系统繁忙 (-1) as not sent and an unanswered send as uncertain', async () => {
  const c = config();
  stub.force('cgi-bin/message/send', { errcode: -1 });
  expect(await failure(sendAppMessage(c, services().sequelize, ['zhangsan'], '丙'))).toMatchObject({ kind: 'not_sent', code: '-1' });
  stub.force('cgi-bin/message/send', 'hang');
  const lost = sendAppMessage({ ...c, apiBase: stub.url }, services().sequelize, ['zhangsan'], '丁');
  // The client waits 10 s for an answer; a hang past that may have been delivered.
  expect(await failure(lost)).toMatchObject({ kind: 'uncertain' });
}, 30_000);

it('holds back the 21st robot message in a minute itself, and reads 93000 as a refused key', async () => {
  const key = stub.addRobot('施工群');
  const c = wecomFromEnv({
    ...wecomEnv(stub),
    WECOM_ROBOTS: JSON.stringify({ 施工队: key, 已删除: 'aaaaaaaa-0000-0000-0000-000000000000' }),
  });
  for (let i = 0; i < 20; i++) {
    await sendRobotMessage(c, '施工队', `第${i}条`, ['13800000000']);
  }
  expect(await failure(sendRobotMessage(c, '施工队', '第21条', []))).toMatchObject({ kind: 'limited', code: '45009' });
  expect(stub.robotMessages.filter((m) => m.key === key)).toHaveLength(20);
  expect(stub.robotMessages[0]?.mentionedMobiles).toEqual(['13800000000']);
  expect(await failure(sendRobotMessage(c, '已删除', '甲', []))).toMatchObject({ kind: 'refused', code: '93000' });
});

it('refuses a malformed WECOM_ROBOTS or WECOM_AGENT_ID at start, in Chinese', () => {
  expect(() => wecomFromEnv({ WECOM_ROBOTS: '报装组=abc' })).toThrow(/WECOM_ROBOTS 应为 JSON/);
  expect(() => wecomFromEnv({ WECOM_ROBOTS: '{"报装组":"有空格 的key"}' })).toThrow(/WECOM_ROBOTS 不正确/);
  expect(() => wecomFromEnv({ WECOM_AGENT_ID: 'abc' })).toThrow(/WECOM_AGENT_ID/);
  expect(wecomFromEnv({})).toMatchObject({ corpId: '', agentId: null, robots: {} });
});
