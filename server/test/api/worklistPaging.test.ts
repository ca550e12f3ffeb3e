import { Application } from '../../src/models';
import { createStaff, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import type { AppView } from '../support/workflow';

let server: TestServer;
let surveyor: TestUser;
let otherSurveyor: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  surveyor = await createStaff(server.url, ['surveyor']);
  otherSurveyor = await createStaff(server.url, ['surveyor']);
});
afterAll(() => server.close());

type State = 'surveying' | 'designing';

/** A running application as the worklist sees it (inserted directly: 300 walks would take minutes). */
function waiting(i: number, state: State, dueAt: Date | null, assignee: number | null = null) {
  return {
    number: `BZ2026${String(900_000 + i).padStart(6, '0')}`,
    flow: 'resident' as const,
    channel: 'window' as const,
    applicantUserId: null,
    createdByUserId: null,
    name: `待办测试${i}`,
    creditCode: null,
    contactName: `居民${i}`,
    contactPhone: '13912345678',
    address: '广州市天河区华夏路10号',
    waterAddress: `广州市天河区华夏路${i}号`,
    waterType: 'permanent' as const,
    buildingArea: 80,
    state,
    workflowVersion: 1,
    stateEnteredAt: new Date(Date.now() - 10 * 86_400_000 + i * 1000),
    dueAt,
    currentRole: state === 'surveying' ? 'surveyor' : 'designer',
    currentAssigneeId: assignee,
    contractStage: null,
    budgetTotal: null,
    finalAmount: null,
    dispatchSheet: null,
    payment: null,
    completedAt: null,
  };
}

interface WorklistReply {
  data: AppView[];
  meta: {
    page: number;
    pageSize: number;
    total: number;
    filter: string;
    counts: { all: number; overdue: number; byState: { state: string; label: string; count: number }[] };
  };
}

describe('我的待办 at a busy utility', () => {
  const past = Date.now() - 3 * 86_400_000;
  beforeAll(async () => {
    const rows = [];
    // 230 overdue surveys — more than the 200 rows the worklist used to read — and 40 not yet due.
    for (let i = 0; i < 230; i++) {
      rows.push(waiting(i, 'surveying', new Date(past + i * 60_000)));
    }
    for (let i = 230; i < 270; i++) {
      rows.push(waiting(i, 'surveying', new Date(Date.now() + 86_400_000 + i * 60_000)));
    }
    // Not the surveyor's: another surveyor's own, and the designers' step.
    for (let i = 270; i < 280; i++) {
      rows.push(waiting(i, 'surveying', new Date(past), otherSurveyor.auth.id));
    }
    for (let i = 280; i < 300; i++) {
      rows.push(waiting(i, 'designing', null));
    }
    await Application.bulkCreate(rows);
  });

  it('counts every waiting and every overdue application, not just the first rows', async () => {
    const res = await surveyor.api.get<WorklistReply>('/api/worklist');
    expect(res.status).toBe(200);
    expect(res.body.meta.counts.all).toBe(270);
    expect(res.body.meta.counts.overdue).toBe(230);
    expect(res.body.meta.counts.byState).toEqual([{ state: 'surveying', label: expect.any(String), count: 270 }]);
    // One page by default, most overdue first.
    expect(res.body.meta).toMatchObject({ page: 1, pageSize: 20, total: 270, filter: 'all' });
    expect(res.body.data.map((a) => a.name)).toEqual(Array.from({ length: 20 }, (_, i) => `待办测试${i}`));
  });

  it('pages through a filter the database applies, with the filter’s own total', async () => {
    const second = await surveyor.api.get<WorklistReply>('/api/worklist?filter=overdue&page=12&pageSize=20');
    expect(second.status).toBe(200);
    expect(second.body.meta).toMatchObject({ page: 12, total: 230, filter: 'overdue' });
    // Page 12 of 230 holds the last 10 overdue ones, and nothing that is not overdue.
    expect(second.body.data.map((a) => a.name)).toEqual(Array.from({ length: 10 }, (_, i) => `待办测试${220 + i}`));
    expect(second.body.data.every((a) => a.step.overdue)).toBe(true);
    // The badges stay the counts over everything waiting.
    expect(second.body.meta.counts).toMatchObject({ all: 270, overdue: 230 });

    const byState = await surveyor.api.get<WorklistReply>('/api/worklist?filter=surveying&pageSize=200&page=2');
    expect(byState.body.meta.total).toBe(270);
    expect(byState.body.data).toHaveLength(70);
  });

  it('refuses a filter or page it does not know, in Chinese, per field', async () => {
    const res = await surveyor.api.get<{ error: { details: { path: string; message: string }[] } }>('/api/worklist?filter=nonsense&page=0');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'filter', message: '待办筛选条件不正确' },
        { path: 'page', message: '页码从1开始' },
      ]),
    );
    // A message the schema does not spell out still comes in Chinese.
    const letters = await surveyor.api.get<{ error: { details: { path: string; message: string }[] } }>('/api/worklist?pageSize=abc');
    expect(letters.status).toBe(400);
    expect(letters.body.error.details[0]?.path).toBe('pageSize');
    expect(letters.body.error.details[0]?.message).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff]/);
  });
});
