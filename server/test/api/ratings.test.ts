import { OutboxMessage } from '../../src/models';
import { submitRating } from '../../src/commands/rating';
import { withTransaction } from '../../src/db/transaction';
import { services } from '../../src/services';
import { pageFor } from '../../src/workers/channels/plan';
import { completedResident } from '../support/completed';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { createCrew, type Crew } from '../support/journey';
import { startTestServer, type TestServer } from '../support/testServer';
import type { AppView, ErrorReply } from '../support/workflow';

jest.setTimeout(120_000);

interface Rating {
  score: number;
  stars: string;
  comment: string | null;
  createdAt: string;
}
type Detail = AppView & { rating: Rating | null; permissions: { rate: boolean } };
interface Team {
  state: string;
  stepLabel: string;
  role: string;
  roleLabel: string;
  count: number;
  average: number;
  people: { userId: number | null; name: string; count: number; average: number }[];
}
interface Stats {
  count: number;
  average: number | null;
  byMonth: { month: string; count: number; average: number }[];
  byTeam: Team[];
  low: { applicationId: number; number: string; score: number; stars: string; comment: string | null }[];
}

let server: TestServer;
let crew: Crew;

beforeAll(async () => {
  server = await startTestServer();
  crew = await createCrew(server.url);
});
afterAll(() => server.close());

const rate = (user: TestUser, id: number, body: unknown, headers?: Record<string, string>) =>
  user.api.post<{ data: Rating } & ErrorReply>(`/api/applications/${id}/rating`, body, headers);
const detail = (user: TestUser, id: number) => user.api.get<{ data: Detail }>(`/api/applications/${id}`);

describe('the applicant rates a completed application (服务评价)', () => {
  it('offers 去评价 in the list and the detail, takes one rating, and shows it to the applicant and staff', async () => {
    const { applicant, app } = await completedResident(server.url, crew);
    expect(app.state).toBe('completed');

    // Offered by the server: in 我的报装 (历史报装) and on the detail page.
    const list = await applicant.api.get<{ data: Detail[] }>('/api/applications?active=false');
    expect(list.body.data.find((a) => a.id === app.id)?.permissions.rate).toBe(true);
    const before = await detail(applicant, app.id);
    expect(before.body.data).toMatchObject({ rating: null, permissions: { rate: true } });
    // Staff never rate.
    expect((await detail(crew.reviewer, app.id)).body.data.permissions.rate).toBe(false);

    // Field messages in Chinese, and nothing stored.
    const noScore = await rate(applicant, app.id, { comment: '很好' });
    expect(noScore.status).toBe(400);
    expect(noScore.body.error.details).toEqual([{ path: 'score', message: '请选择评分' }]);
    const tooLong = await rate(applicant, app.id, { score: 4, comment: '好'.repeat(501) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details).toEqual([{ path: 'comment', message: '评价内容不能超过500字' }]);
    expect((await rate(applicant, app.id, { score: 6 })).body.error.details?.[0]?.message).toBe('评分应为1到5星');

    // Another applicant cannot even see it; staff may not rate.
    const stranger = await createApplicant(server.url, 'resident');
    const foreign = await rate(stranger, app.id, { score: 1 });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toBe('未找到该报装申请');
    const staff = await rate(crew.reviewer, app.id, { score: 5 });
    expect(staff.status).toBe(403);
    expect(staff.body.error.message).toBe('只有报装用户本人可以评价');

    // Rated once; a retry under the same key gets the same reply; a second rating is refused.
    const comment = '施工很快，师傅很专业，有问题请打13812345678';
    const key = { 'Idempotency-Key': 'rating-key-0001' };
    const given = await rate(applicant, app.id, { score: 4, comment }, key);
    expect(given.status).toBe(201);
    expect(given.body.data).toMatchObject({ score: 4, stars: '★★★★☆', comment });
    const replay = await rate(applicant, app.id, { score: 4, comment }, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const again = await rate(applicant, app.id, { score: 5 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('已评价');

    // The applicant sees their rating and is no longer offered 去评价.
    const after = await detail(applicant, app.id);
    expect(after.body.data).toMatchObject({ rating: { score: 4, stars: '★★★★☆', comment }, permissions: { rate: false } });
    const listAfter = await applicant.api.get<{ data: Detail[] }>('/api/applications?active=false');
    expect(listAfter.body.data.find((a) => a.id === app.id)?.permissions.rate).toBe(false);

    // Staff read it: whole for those who phone customers, the phone masked for the others.
    expect((await detail(crew.reviewer, app.id)).body.data.rating).toMatchObject({ score: 4, comment });
    expect((await detail(crew.designer, app.id)).body.data.rating?.comment).toBe('施工很快，师傅很专业，有问题请打138****5678');
  });

  it('refuses a rating before the application is completed', async () => {
    const applicant = await createApplicant(server.url, 'enterprise');
    const created = await applicant.api.post<{ data: Detail }>('/api/applications', enterpriseForm());
    expect(created.body.data.permissions.rate).toBe(false);
    const early = await rate(applicant, created.body.data.id, { score: 5 });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('报装完成后才能评价');
    expect((await detail(applicant, created.body.data.id)).body.data.rating).toBeNull();
  });

  it('links the completion notice to the rating card, other notices to the detail only', () => {
    const config = services().config;
    const page = config.wechat.templates.subscribe.page.replace(/^\//, '');
    expect(pageFor(config, OutboxMessage.build({ event: 'completed', applicationId: 7 } as never))).toBe(`${page}?id=7&rate=1`);
    expect(pageFor(config, OutboxMessage.build({ event: 'water_on', applicationId: 7 } as never))).toBe(`${page}?id=7`);
  });
});

describe('ratings on the dashboard', () => {
  it('averages per month and per step team (each person too), lowest first, and lists the low ones', async () => {
    // Two applications; the second surveyed by another surveyor. Rated in months of their own (far
    // ahead, so that other tests' ratings in the same database stay out of the window).
    const otherSurveyor = await createStaff(server.url, ['surveyor'], '李勘察');
    const first = await completedResident(server.url, crew);
    const second = await completedResident(server.url, { ...crew, surveyor: otherSurveyor });
    const rateAt = (who: TestUser, id: number, score: number, comment: string | null, at: string) =>
      withTransaction(services().sequelize, (t) => submitRating(who.auth, id, { score, comment }, t, new Date(at)));
    await rateAt(first.applicant, first.app.id, 5, '非常满意', '2044-03-15T10:00:00+08:00');
    // 1 April 00:30 in China is still 31 March in UTC: counted in April.
    await rateAt(second.applicant, second.app.id, 1, '勘察拖了很久，电话13912345678没人接', '2044-04-01T00:30:00+08:00');

    const res = await crew.designer.api.get<{ data: Stats }>('/api/stats/ratings?from=2044-03-01&to=2044-04-30');
    expect(res.status).toBe(200);
    const stats = res.body.data;
    expect(stats).toMatchObject({ count: 2, average: 3 });
    expect(stats.byMonth).toEqual([
      { month: '2044-03', count: 1, average: 5 },
      { month: '2044-04', count: 1, average: 1 },
    ]);
    const survey = stats.byTeam.find((t) => t.state === 'surveying' && t.role === 'surveyor');
    expect(survey).toMatchObject({ stepLabel: '现场勘察', roleLabel: '勘察员', count: 2, average: 3 });
    expect(survey?.people).toEqual([
      { userId: otherSurveyor.user.id, name: '李勘察', count: 1, average: 1 },
      { userId: crew.surveyor.user.id, name: crew.surveyor.user.displayName, count: 1, average: 5 },
    ]);
    // Every step of the walk, by the team that handled it; the applicant's own steps are no team's.
    expect(stats.byTeam.map((t) => `${t.stepLabel}/${t.roleLabel}`)).toEqual(
      expect.arrayContaining(['待审核/后台审核员', '缴费/收费员', '施工/施工员', '验收/验收员', '移交/验收员']),
    );
    expect(stats.byTeam.every((t) => t.role !== 'applicant')).toBe(true);
    const averages = stats.byTeam.map((t) => t.average);
    expect(averages).toEqual([...averages].sort((a, b) => a - b));
    // The low one, with its application; the phone masked for a designer.
    expect(stats.low).toEqual([
      {
        applicationId: second.app.id,
        number: second.app.number,
        name: second.app.name,
        score: 1,
        stars: '★☆☆☆☆',
        comment: '勘察拖了很久，电话139****5678没人接',
        createdAt: new Date('2044-04-01T00:30:00+08:00').toISOString(),
      },
    ]);

    // One flow only; outside the window nothing; applicants may not read it.
    const enterprise = await crew.designer.api.get<{ data: Stats }>('/api/stats/ratings?from=2044-03-01&to=2044-04-30&kind=enterprise');
    expect(enterprise.body.data).toMatchObject({ count: 0, average: null, byMonth: [], byTeam: [], low: [] });
    const march = await crew.designer.api.get<{ data: Stats }>('/api/stats/ratings?from=2044-03-01&to=2044-03-31');
    expect(march.body.data).toMatchObject({ count: 1, average: 5, low: [] });
    expect((await first.applicant.api.get('/api/stats/ratings')).status).toBe(403);
  });
});
