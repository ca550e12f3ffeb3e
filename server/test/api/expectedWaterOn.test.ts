import type { ApplicationDetailView } from '@wc/shared';
import { createApplicant, createStaff, residentForm } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import { must } from '../support/workflow';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('预计通水日期 on the application', () => {
  it('is shown to the customer and staff, moves with the time limits, and goes once the application ends', async () => {
    const customer = await createApplicant(server.url, 'resident');
    const reviewer = await createStaff(server.url, ['reviewer']);
    const admin = await createStaff(server.url, ['admin']);
    const created = await customer.api.post<{ data: { id: number } }>('/api/applications', residentForm());
    const id = created.body.data.id;
    const detail = async () => (await customer.api.get<{ data: ApplicationDetailView }>(`/api/applications/${id}`)).body.data;

    const first = (await detail()).expectedWaterOn;
    expect(first?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first?.customerSteps).toEqual(['缴费']);
    expect(first?.note).toContain('缴费');
    const staffView = (await reviewer.api.get<{ data: ApplicationDetailView }>(`/api/applications/${id}`)).body.data;
    expect(staffView.expectedWaterOn).toEqual(first);

    // Construction given 30 more working days: the expected date moves at least six weeks later.
    expect(
      (
        await admin.api.put('/api/settings/steps/resident/construction', {
          thresholdValue: 35,
          thresholdUnit: 'workdays',
          defaultAssigneeId: null,
        })
      ).status,
    ).toBe(200);
    const later = (await detail()).expectedWaterOn;
    expect(Date.parse(later?.date ?? '') - Date.parse(first?.date ?? '')).toBeGreaterThanOrEqual(6 * 7 * 86_400_000);

    await must(customer.api, id, 'withdraw');
    expect((await detail()).expectedWaterOn).toBeNull();
  });
});
