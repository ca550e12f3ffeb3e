import { Application } from '../../src/models';
import { createStaff } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** An archive row as the list sees it (inserted directly: 10,000 window entries would take minutes). */
function archived(i: number, dueAt: Date | null) {
  return {
    number: `BZ2024${String(i).padStart(6, '0')}`,
    flow: 'resident' as const,
    channel: 'window' as const,
    applicantUserId: null,
    createdByUserId: null,
    name: `居民${i}`,
    creditCode: null,
    contactName: `居民${i}`,
    contactPhone: '13912345678',
    address: '广州市天河区华夏路10号',
    waterAddress: `广州市天河区华夏路${i}号`,
    waterType: 'permanent' as const,
    buildingArea: 80,
    state: 'surveying' as const,
    workflowVersion: 1,
    stateEnteredAt: new Date('2024-01-01T00:00:00Z'),
    dueAt,
    currentRole: 'surveyor',
    currentAssigneeId: null,
    contractStage: null,
    budgetTotal: null,
    finalAmount: null,
    dispatchSheet: null,
    payment: null,
    completedAt: null,
  };
}

describe('list totals at archive scale', () => {
  it('counts up to 10,000 and then says "more than", with the most overdue first', async () => {
    const overdueSince = new Date('2024-01-04T00:00:00Z').getTime();
    for (let start = 0; start < 10_050; start += 2_000) {
      const rows = [];
      for (let i = start; i < Math.min(10_050, start + 2_000); i++) {
        rows.push(archived(i, new Date(overdueSince + (i % 1000) * 60_000)));
      }
      await Application.bulkCreate(rows);
    }
    await Application.bulkCreate([archived(20_000, null), archived(20_001, null)]);
    const reviewer = await createStaff(server.url, ['reviewer']);

    type ListReply = {
      data: { number: string; step: { overdue: boolean; dueAt: string } }[];
      meta: { total: number; totalCapped: boolean };
    };
    const overdue = await reviewer.api.get<ListReply>('/api/applications?overdue=true&sort=overdue&pageSize=50');
    expect(overdue.status).toBe(200);
    expect(overdue.body.meta).toMatchObject({ total: 10_000, totalCapped: true });
    expect(overdue.body.data).toHaveLength(50);
    expect(overdue.body.data.every((a) => a.step.overdue)).toBe(true);
    const due = overdue.body.data.map((a) => Date.parse(a.step.dueAt));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(due[0]).toBe(overdueSince);

    // A filter that matches fewer is counted exactly.
    const few = await reviewer.api.get<ListReply>('/api/applications?overdue=false');
    expect(few.body.meta).toMatchObject({ total: 2, totalCapped: false });
  });
});
