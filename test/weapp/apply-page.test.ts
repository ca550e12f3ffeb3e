/**
 * The new-application form (新增报装) of the WeChat build, run with WeChat's own template
 * compiler against the real server: a wrong credit code is refused under the field and nothing is
 * sent; corrected, the application is submitted and its number shown.
 */
import { createApplicant, creditCode, unique, type TestUser } from '../../server/test/support/factories';
import { startTestServer, type TestServer } from '../../server/test/support/testServer';
import { startWeChat, until, type PageComponent, type WeChat } from './support/simulator';

let server: TestServer;
let wechat: WeChat;
let applicant: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  applicant = await createApplicant(server.url, 'enterprise');
  const me = await applicant.api.get<{ data: unknown }>('/api/auth/me');
  // Logged in, as after WeChat or password login: the session the request wrapper keeps.
  const session = { token: applicant.token, expiresAt: Date.now() + 3600_000, issuedAt: Date.now(), user: me.body.data };
  wechat = await startWeChat(server.url, { 'wc.session': session });
});
afterAll(() => server?.close());

type Page = PageComponent;

const text = (page: Page) => page.dom?.textContent ?? '';
const field = (page: Page, name: string) => {
  const node = page.querySelector(`#field-${name}`);
  if (!node) {
    throw new Error(`no input ${name}`);
  }
  return node;
};
function type(page: Page, name: string, value: string) {
  field(page, name).dispatchEvent('input', { detail: { value } });
  field(page, name).dispatchEvent('blur', { detail: { value } });
}
function tap(page: Page, selector: string, containing?: string) {
  const node = page.querySelectorAll(selector).find((n) => !containing || (n.dom?.textContent ?? '').includes(containing));
  if (!node) {
    throw new Error(`nothing to tap at ${selector} ${containing ?? ''}`);
  }
  node.dispatchEvent('tap', { detail: {} });
}

it('renders the form, refuses a wrong credit code under the field, then submits and shows the number', async () => {
  const page = wechat.openPage('pages/apply/index');
  await until('the form', () => text(page).includes('社会信用代码'));
  for (const label of [
    '报装用户',
    '企业单位',
    '居民',
    '单位名称',
    '社会信用代码',
    '联系人',
    '联系电话',
    '单位地址',
    '申请用水地址',
    '报装类型',
    '建筑面积',
    '申请时间',
  ]) {
    expect(text(page)).toContain(label);
  }

  const name = unique('微信企业');
  const code = creditCode();
  type(page, 'name', name);
  type(page, 'creditCode', code.slice(0, 17) + (code.endsWith('0') ? '1' : '0'));
  await until('the credit code message', () => text(page).includes('社会信用代码校验位不正确，请核对'));
  type(page, 'contactName', '陈经理');
  type(page, 'contactPhone', '13912345678');
  type(page, 'address', '广州市天河区华夏路10号');
  type(page, 'waterAddress', '广州市天河区华夏路10号工地');
  tap(page, '.chip', '基建(施工)用水');
  page
    .querySelectorAll('.form-field__input')
    .at(-1)
    ?.dispatchEvent('input', { detail: { value: '1800' } });
  // The draft is kept on the device as the user types.
  await until('the draft', () => JSON.stringify(wechat.storage.get(`wc.draft.apply.${applicant.user.id}`) ?? '').includes(name));

  tap(page, '.btn--primary', '提交申请');
  await until('the toast', () => wechat.calls.some((c) => c.api === 'showToast' && c.options.title === '请检查标红的内容'));
  expect(wechat.requests.filter((r) => r.url === '/api/applications')).toHaveLength(0);
  const none = await applicant.api.get<{ meta: { total: number } }>(`/api/applications?name=${encodeURIComponent(name)}`);
  expect(none.body.meta.total).toBe(0);

  type(page, 'creditCode', code);
  await until('the message to go', () => !text(page).includes('社会信用代码校验位不正确'));
  tap(page, '.btn--primary', '提交申请');
  await until('the result', () => text(page).includes('申请已提交'));
  const number = /BZ\d{10,}/.exec(text(page))?.[0];
  expect(number).toBeDefined();
  expect(wechat.requests.find((r) => r.url === '/api/applications')).toMatchObject({ method: 'POST', status: 201 });
  const stored = await applicant.api.get<{
    data: { number: string; name: string; creditCode: string; buildingArea: number; state: string }[];
  }>(`/api/applications?number=${number}`);
  expect(stored.body.data[0]).toMatchObject({ number, name, creditCode: code, buildingArea: 1800, state: 'submitted' });
  expect(wechat.storage.has(`wc.draft.apply.${applicant.user.id}`)).toBe(false);
  page.detach();
});
