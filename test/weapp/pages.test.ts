/**
 * Every page of the WeChat build opens in WeChat's template engine and shows what it is for,
 * logged in against the real server — a crash in any page's WeChat code path shows up here.
 */
import { createApplicant, enterpriseForm, type TestUser } from '../../server/test/support/factories';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { startWeChat, until, type WeChat } from './support/simulator';

let server: TestServer;
let wechat: WeChat;
let applicant: TestUser;
let appId = 0;
let appNumber = '';

beforeAll(async () => {
  server = await startTestServer();
  applicant = await createApplicant(server.url, 'enterprise');
  const created = await applicant.api.post<{ data: { id: number; number: string } }>(
    '/api/applications',
    enterpriseForm({ name: '小程序页面测试单位' }),
  );
  appId = created.body.data.id;
  appNumber = created.body.data.number;
  const me = await applicant.api.get<{ data: unknown }>('/api/auth/me');
  wechat = await startWeChat(server.url, {
    'wc.session': { token: applicant.token, expiresAt: Date.now() + 3600_000, issuedAt: Date.now(), user: me.body.data },
  });
});
afterAll(() => server?.close());

const PAGES: [string, () => Record<string, string>, () => string[]][] = [
  ['pages/index/index', () => ({}), () => ['新增报装', '报装查询', '正在办理', appNumber, '办理流程']],
  ['pages/applications/index', () => ({}), () => ['当前报装', '历史报装', appNumber, '小程序页面测试单位', '历时']],
  ['pages/mine/index', () => ({}), () => ['测试企业', '修改密码', '退出登录']],
  ['pages/progress/detail/index', () => ({ id: String(appId) }), () => ['当前环节', '待审核', '办理进度', '报装记录', '撤销申请']],
  ['pages/progress/confirm/index', () => ({ id: String(appId), subject: 'design' }), () => ['当前无需您确认']],
  ['pages/progress/document/index', () => ({ appId: String(appId), id: '999999' }), () => ['找不到这份资料']],
  ['pages/progress/messages/index', () => ({}), () => ['申请已提交', appNumber]],
  ['pages/account/login/index', () => ({}), () => ['用户名', '密码', '注册新账号']],
  ['pages/account/register/index', () => ({}), () => ['隐私保护提示', '同意并继续']],
  ['pages/account/privacy/index', () => ({}), () => ['用户报装隐私政策', '我们收集哪些信息']],
  ['pages/account/password/index', () => ({}), () => ['原密码', '新密码']],
];

it.each(PAGES)('%s renders', async (route, query, expected) => {
  const page = wechat.openPage(route, query());
  const text = () => page.dom?.textContent ?? '';
  try {
    await until(`${route} to show ${expected().join(', ')}`, () => expected().every((t) => text().includes(t)));
  } finally {
    page.detach();
  }
});
