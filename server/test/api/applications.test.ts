import { Application, HistoryEntry } from '../../src/models';
import { createApplicant, createStaff, enterpriseForm, residentForm, unique, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';

interface Presented {
  id: number;
  number: string;
  state: string;
  stateLabel: string;
  name: string;
  contactPhone: string;
  step: { elapsedText: string; overdue: boolean };
  availableActions: { key: string }[];
}
interface ErrorReply {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

let server: TestServer;
let clerk: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  clerk = await createStaff(server.url, ['window_clerk'], '王芳');
});
afterAll(() => server.close());

describe('window entry (窗口受理)', () => {
  it('creates an enterprise application at 待派工 with a BZ number and a first history entry', async () => {
    const form = enterpriseForm();
    const res = await clerk.api.post<{ data: Presented }>('/api/applications', form);
    expect(res.status).toBe(201);
    expect(res.body.data.number).toMatch(/^BZ\d{8}\d{2,}$/);
    expect(res.body.data).toMatchObject({ state: 'dispatching', stateLabel: '待派工', name: form.name });
    const history = await HistoryEntry.findAll({ where: { applicationId: res.body.data.id } });
    expect(history.map((h) => [h.action, h.actionLabel, h.toState])).toEqual([['create', '窗口受理', 'dispatching']]);
  });

  it('starts a resident window application at 现场勘察', async () => {
    const res = await clerk.api.post<{ data: Presented }>('/api/applications', residentForm());
    expect(res.body.data).toMatchObject({ state: 'surveying', stateLabel: '现场勘察' });
  });

  it('is refused to staff without the window role', async () => {
    const reviewer = await createStaff(server.url, ['reviewer']);
    const res = await reviewer.api.post<ErrorReply>('/api/applications', enterpriseForm());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('只有窗口受理员可以录入报装申请');
  });
});

describe('self-submission', () => {
  it('starts at 待审核 and belongs to the applicant', async () => {
    const applicant = await createApplicant(server.url, 'enterprise');
    const res = await applicant.api.post<{ data: Presented }>('/api/applications', enterpriseForm());
    expect(res.status).toBe(201);
    expect(res.body.data.state).toBe('submitted');
    const list = await applicant.api.get<{ data: Presented[]; meta: { total: number } }>('/api/applications');
    expect(list.body.data.map((a) => a.number)).toEqual([res.body.data.number]);
  });

  it('keeps a resident account to the resident form', async () => {
    const applicant = await createApplicant(server.url, 'resident');
    const res = await applicant.api.post<ErrorReply>('/api/applications', enterpriseForm());
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'kind', message: '居民账号请按居民报装' }]);
  });
});

describe('bad input is refused field by field and stores nothing', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['empty name', { name: '' }, 'name', '请填写单位名称'],
    ['long name', { name: '名'.repeat(101) }, 'name', '名称不能超过100个字'],
    ['missing credit code', { creditCode: '' }, 'creditCode', '请填写社会信用代码'],
    ['short credit code', { creditCode: '9135010' }, 'creditCode', '社会信用代码应为18位'],
    ['credit code with I', { creditCode: '91350100M000100I43' }, 'creditCode', '社会信用代码含有无效字符（不使用 I、O、Z、S、V）'],
    ['credit code checksum', { creditCode: '91350100M000100Y44' }, 'creditCode', '社会信用代码校验位不正确，请核对'],
    ['missing contact', { contactName: '' }, 'contactName', '请填写联系人'],
    ['missing phone', { contactPhone: '' }, 'contactPhone', '请填写联系电话'],
    ['bad phone', { contactPhone: '12345' }, 'contactPhone', '联系电话格式不正确（手机号或带区号的固定电话）'],
    ['missing address', { address: '' }, 'address', '请填写单位地址'],
    ['missing water address', { waterAddress: '' }, 'waterAddress', '请填写申请用水地址'],
    ['unknown water type', { waterType: 'pool' }, 'waterType', '请选择报装类型'],
    ['zero area', { buildingArea: 0 }, 'buildingArea', '建筑面积必须大于0'],
    ['text area', { buildingArea: '很大' }, 'buildingArea', '请填写建筑面积（数字）'],
    ['missing kind', { kind: undefined }, 'kind', '请选择报装用户类型（企业单位或居民）'],
    ['smuggled state', { state: 'completed' }, 'state', '不允许提交此字段：state'],
  ];

  it.each(cases)('%s', async (_name, change, path, message) => {
    const name = unique('坏数据');
    const before = await Application.count();
    const res = await clerk.api.post<ErrorReply>('/api/applications', { ...enterpriseForm({ name }), ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([{ path, message }]));
    expect(await Application.count({ where: { name } })).toBe(0);
    expect(await Application.count()).toBe(before);
  });

  it('refuses a resident asking for construction water', async () => {
    const res = await clerk.api.post<ErrorReply>('/api/applications', residentForm({ waterType: 'construction' }));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'waterType', message: '居民报装只能选择永久性用水' }]);
  });
});

describe('who sees what', () => {
  it('answers 404 when an applicant asks for another applicant’s application, and lists only their own', async () => {
    const a = await createApplicant(server.url);
    const b = await createApplicant(server.url);
    const created = await b.api.post<{ data: Presented }>('/api/applications', enterpriseForm({ name: unique('B的单位') }));
    const res = await a.api.get<ErrorReply>(`/api/applications/${created.body.data.id}`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(created.body.data.number);
    const history = await a.api.get(`/api/applications/${created.body.data.id}/history`);
    expect(history.status).toBe(404);
    const list = await a.api.get<{ data: Presented[] }>(`/api/applications?q=${encodeURIComponent(created.body.data.number)}`);
    expect(list.body.data).toEqual([]);
  });

  it('masks phone numbers for roles that do not call customers', async () => {
    const created = await clerk.api.post<{ data: Presented }>('/api/applications', enterpriseForm({ contactPhone: '13812345678' }));
    const designer = await createStaff(server.url, ['designer']);
    const seen = await designer.api.get<{ data: Presented }>(`/api/applications/${created.body.data.id}`);
    expect(seen.body.data.contactPhone).toBe('138****5678');
    const byClerk = await clerk.api.get<{ data: Presented }>(`/api/applications/${created.body.data.id}`);
    expect(byClerk.body.data.contactPhone).toBe('13812345678');
  });

  it('does not let a window clerk administer users', async () => {
    const res = await clerk.api.post<ErrorReply>('/api/users', {
      username: unique('u'),
      displayName: '新人',
      password: 'abc12345',
      roles: ['reviewer'],
    });
    expect(res.status).toBe(403);
  });
});

describe('list filters', () => {
  it('finds by number, name, phone, state, kind and type, and pages', async () => {
    const tag = unique('筛选');
    const made: Presented[] = [];
    for (const form of [
      enterpriseForm({ name: `${tag}甲`, waterType: 'construction' }),
      enterpriseForm({ name: `${tag}乙`, waterType: 'capacity', contactPhone: '13698765432' }),
      residentForm({ name: `${tag}丙` }),
    ]) {
      made.push((await clerk.api.post<{ data: Presented }>('/api/applications', form)).body.data);
    }
    const q = (query: string) =>
      clerk.api.get<{ data: Presented[]; meta: { total: number } }>(`/api/applications?name=${encodeURIComponent(tag)}&${query}`);
    expect((await q('')).body.meta.total).toBe(3);
    expect((await q('waterType=capacity')).body.data.map((a) => a.name)).toEqual([`${tag}乙`]);
    expect((await q('kind=resident')).body.data.map((a) => a.name)).toEqual([`${tag}丙`]);
    expect((await q('state=surveying')).body.data.map((a) => a.name)).toEqual([`${tag}丙`]);
    expect((await q('phone=13698765432')).body.data.map((a) => a.name)).toEqual([`${tag}乙`]);
    expect((await q(`number=${made[0]?.number}`)).body.data.map((a) => a.name)).toEqual([`${tag}甲`]);
    const page = await q('pageSize=2&page=2&sort=oldest');
    expect(page.body.data.map((a) => a.name)).toEqual([`${tag}丙`]);
  });

  it('refuses a bad filter with a Chinese message', async () => {
    const res = await clerk.api.get<ErrorReply>('/api/applications?pageSize=500&from=yesterday');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'pageSize', message: '每页最多200条' },
        { path: 'from', message: '开始日期格式应为 年-月-日' },
      ]),
    );
  });
});

describe('application numbers', () => {
  it('stay unique when 50 are created at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => clerk.api.post<{ data: Presented }>('/api/applications', enterpriseForm())),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const numbers = results.map((r) => r.body.data.number);
    expect(new Set(numbers).size).toBe(50);
  });
});

describe('editing while returned', () => {
  it('is refused before the application is returned', async () => {
    const applicant = await createApplicant(server.url, 'resident');
    const created = await applicant.api.post<{ data: Presented }>('/api/applications', residentForm());
    const res = await applicant.api.patch<ErrorReply>(`/api/applications/${created.body.data.id}`, residentForm({ name: '李四' }));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('只有被退回的申请可以修改');
  });
});
