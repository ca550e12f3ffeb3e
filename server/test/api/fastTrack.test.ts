import { AuditEvent } from '../../src/models';
import { createApplicant, residentForm, enterpriseForm, type TestUser } from '../support/factories';
import { createCrew, type Crew } from '../support/journey';
import { jpeg, pdf, sitePhoto, budgetXlsx } from '../support/sampleFiles';
import { startTestServer, type TestServer } from '../support/testServer';
import { mustUpload } from '../support/uploads';
import { must, type AppView, type ErrorReply } from '../support/workflow';

/**
 * 快速通道 through the API: the administrator's rules pick the fast route at creation (recorded in
 * the first history entry), the route shows on the application and filters the list, running
 * applications keep their route when a rule changes, and only administrators edit the rules.
 */

type RouteView = AppView & {
  workflowVersion: number;
  route: string;
  routeLabel: string;
  caliber: number | null;
  externalWorks: boolean | null;
};
interface Detail {
  data: RouteView & {
    stepMap: { steps: { state: string; label: string; status: string }[] };
  };
}
interface History {
  data: { action: string; payload: Record<string, unknown> }[];
}
interface RuleView {
  id: number;
  name: string;
  enabled: boolean;
  position: number;
  summary: string;
}

let server: TestServer;
let crew: Crew;
let resident: TestUser;

const RULE = {
  name: '居民小口径',
  enabled: true,
  conditions: { kinds: ['resident'], maxCaliber: 25, noExternalWorks: true },
};

beforeAll(async () => {
  server = await startTestServer();
  crew = await createCrew(server.url);
  resident = await createApplicant(server.url, 'resident');
});
afterAll(() => server.close());

async function apply(form: Record<string, unknown>, who: TestUser = resident): Promise<RouteView> {
  const res = await who.api.post<{ data: RouteView } & ErrorReply>('/api/applications', form);
  expect(res.status).toBe(201);
  return res.body.data;
}

const small = () => residentForm({ caliber: 20, externalWorks: false });

async function rules(): Promise<RuleView[]> {
  return (await crew.admin.api.get<{ data: RuleView[] }>('/api/settings/fast-track-rules')).body.data;
}

describe('快速通道规则', () => {
  it('takes the standard route while no rule exists', async () => {
    const app = await apply(small());
    expect([app.workflowVersion, app.route, app.routeLabel]).toEqual([1, 'standard', '标准流程']);
    expect([app.caliber, app.externalWorks]).toEqual([20, false]);
  });

  it('lets only administrators edit the rules, and names wrong fields in Chinese', async () => {
    const refused = await crew.reviewer.api.post<ErrorReply>('/api/settings/fast-track-rules', RULE);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('仅系统管理员可设置快速通道规则');
    expect((await crew.reviewer.api.get<ErrorReply>('/api/settings/fast-track-rules')).status).toBe(403);
    expect((await resident.api.post<ErrorReply>('/api/settings/fast-track-rules', RULE)).status).toBe(403);

    const bad = await crew.admin.api.post<ErrorReply>('/api/settings/fast-track-rules', {
      name: ' ',
      conditions: { kinds: [], maxCaliber: 33 },
    });
    expect(bad.status).toBe(400);
    const messages = Object.fromEntries((bad.body.error.details ?? []).map((d) => [d.path, d.message]));
    expect(messages).toMatchObject({
      name: '请填写规则名称',
      'conditions.kinds': '请至少选择一种报装用户类型',
      'conditions.maxCaliber': '最大用水口径不正确',
    });
    expect(await rules()).toEqual([]);
  });

  it('sends a matching new application down the fast route and records the rule in its history', async () => {
    const created = await crew.admin.api.post<{ data: RuleView[] }>('/api/settings/fast-track-rules', RULE);
    expect(created.status).toBe(201);
    const [rule] = created.body.data;
    expect(rule).toMatchObject({ name: '居民小口径', enabled: true, position: 1, summary: '居民；用水口径≤DN25；不涉及外线工程' });
    const audit = await AuditEvent.findOne({ where: { action: 'settings.fast_track' }, order: [['id', 'DESC']] });
    expect(audit?.data.summary).toBe('新增 「居民小口径」：居民；用水口径≤DN25；不涉及外线工程，启用');
    const log = await crew.admin.api.get<{ data: { actionLabel: string; target: string; summary: string }[] }>(
      '/api/audit?action=settings.fast_track',
    );
    expect(log.body.data[0]).toMatchObject({
      actionLabel: '修改快速通道规则',
      target: '快速通道规则',
      summary: '新增 「居民小口径」：居民；用水口径≤DN25；不涉及外线工程，启用',
    });

    const fast = await apply(small());
    expect([fast.workflowVersion, fast.route, fast.routeLabel]).toEqual([2, 'fast', '快速通道']);
    const history = (await resident.api.get<History>(`/api/applications/${fast.id}/history`)).body.data;
    expect(history[0]?.payload).toMatchObject({ summary: '快速通道（规则：居民小口径）' });
    const staffHistory = (await crew.reviewer.api.get<History>(`/api/applications/${fast.id}/history`)).body.data;
    expect(staffHistory[0]?.payload).toMatchObject({ route: 'fast', rule: { id: rule!.id, name: '居民小口径' } });
    const staffView = (await crew.reviewer.api.get<Detail>(`/api/applications/${fast.id}`)).body.data;
    expect(staffView.stepMap.steps.map((s) => s.label)).toEqual(['待审核', '现场勘察', '施工', '验收', '已完成']);

    // A larger meter, external works, an unanswered question or another kind: the standard route.
    for (const form of [
      residentForm({ caliber: 32, externalWorks: false }),
      residentForm({ caliber: 20, externalWorks: true }),
      residentForm({ caliber: 20 }),
    ]) {
      expect((await apply(form)).route).toBe('standard');
    }
    const enterprise = await createApplicant(server.url, 'enterprise');
    expect((await apply(enterpriseForm({ caliber: 20, externalWorks: false }), enterprise)).route).toBe('standard');

    const list = await crew.reviewer.api.get<{ data: RouteView[] }>('/api/applications?route=fast&pageSize=200');
    expect(list.body.data.map((a) => a.id)).toEqual([fast.id]);
    expect(list.body.data[0]?.routeLabel).toBe('快速通道');
  });

  it('walks a fast resident application to 已完成 without payment or handover', async () => {
    const app = await apply(small());
    await must(crew.reviewer.api, app.id, 'approve');
    await mustUpload(crew.surveyor.api, app.id, 'site_photo', { displayName: '现场照片', fileName: 's.jpg', content: sitePhoto() });
    await mustUpload(crew.surveyor.api, app.id, 'scheme_sketch', { displayName: '方案草图', fileName: 'k.jpg', content: jpeg() });
    await mustUpload(crew.surveyor.api, app.id, 'signed_scheme', { displayName: '签字方案', fileName: 'p.pdf', content: pdf('签字') });
    const built = await must(crew.surveyor.api, app.id, 'submit_survey', { summary: 'DN20 表后接入' });
    expect(built.state).toBe('construction');
    for (const category of ['entry_photo', 'completion_photo', 'water_on_photo'] as const) {
      await mustUpload(crew.constructor.api, app.id, category, { displayName: category, fileName: 'c.jpg', content: jpeg() });
      await must(
        crew.constructor.api,
        app.id,
        category === 'entry_photo' ? 'entry_photos' : category === 'completion_photo' ? 'completion_photos' : 'water_on_photos',
      );
    }
    await must(crew.constructor.api, app.id, 'record_meter', {
      meter: { number: 'JM-9', caliber: 'DN20', model: 'LXS-20E', initialReading: 0 },
    });
    await must(crew.constructor.api, app.id, 'submit_construction');
    await mustUpload(crew.acceptor.api, app.id, 'acceptance_form', { displayName: '验收单', fileName: 'a.jpg', content: jpeg() });
    await mustUpload(crew.acceptor.api, app.id, 'acceptance_photo', { displayName: '验收照片', fileName: 'b.jpg', content: sitePhoto() });
    const done = await must(crew.acceptor.api, app.id, 'submit_acceptance', { acceptedOn: '2026-11-27', summary: '合格' });
    expect([done.state, done.stateLabel]).toEqual(['completed', '已完成']);
  });

  it('surveys and budgets an enterprise fast application in one visit and starts window ones at the survey', async () => {
    await crew.admin.api.post('/api/settings/fast-track-rules', {
      name: '企业小口径',
      enabled: true,
      conditions: { kinds: ['enterprise'], maxCaliber: 40, noExternalWorks: true },
    });
    const created = await crew.window_clerk.api.post<{ data: RouteView }>(
      '/api/applications',
      enterpriseForm({ caliber: 25, externalWorks: false }),
    );
    const app = created.body.data;
    expect([app.route, app.state]).toEqual(['fast', 'surveying']);
    await mustUpload(crew.surveyor.api, app.id, 'site_photo', { displayName: '现场照片', fileName: 's.jpg', content: sitePhoto() });
    await mustUpload(crew.surveyor.api, app.id, 'scheme_sketch', { displayName: '方案草图', fileName: 'k.jpg', content: jpeg() });
    await mustUpload(crew.surveyor.api, app.id, 'signed_scheme', { displayName: '签字方案', fileName: 'p.pdf', content: pdf('签字') });
    const budget = await mustUpload(crew.surveyor.api, app.id, 'budget', {
      displayName: '预算书',
      fileName: 'b.xlsx',
      content: await budgetXlsx(),
    });
    const missing = await crew.surveyor.api.post<ErrorReply>(`/api/applications/${app.id}/actions/submit_survey_budget`, {
      summary: '方案',
    });
    expect(missing.status).toBe(400);
    const confirming = await must(crew.surveyor.api, app.id, 'submit_survey_budget', { summary: 'DN25 接入', budgetTotal: 3520 });
    expect([confirming.state, confirming.budgetTotal]).toEqual(['confirming', 3520]);
    const payment = await must(crew.window_clerk.api, app.id, 'confirm_budget', { budgetAttachmentId: budget.id });
    expect(payment.state).toBe('payment');
  });

  it('keeps running applications on their route when a rule changes', async () => {
    const running = await apply(small());
    const [rule] = await rules();
    const off = await crew.admin.api.put<{ data: RuleView[] }>(`/api/settings/fast-track-rules/${rule!.id}`, { ...RULE, enabled: false });
    expect(off.status).toBe(200);
    expect((await apply(small())).route).toBe('standard');
    const after = await must(crew.reviewer.api, running.id, 'approve');
    expect(after.availableActions.map((a) => a.key)).toEqual([]);
    const still = (await crew.surveyor.api.get<Detail>(`/api/applications/${running.id}`)).body.data;
    expect([still.route, still.workflowVersion]).toEqual(['fast', 2]);
    expect(still.stepMap.steps.map((s) => s.state)).toEqual(['submitted', 'surveying', 'construction', 'acceptance', 'completed']);
  });
});
