import { services } from '../../src/services';
import { createApplicant, createStaff, residentForm, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * The dispatch sheet's QR code (issue G6) holds the application's address in the staff page, under
 * PUBLIC_URL: the detail gives it to staff, who print the sheet; applicants never get it.
 */
let server: TestServer;
let clerk: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  clerk = await createStaff(server.url, ['window_clerk'], '王芳');
});
afterAll(() => server.close());

it('gives staff the staff page address of the application, and applicants nothing', async () => {
  const applicant = await createApplicant(server.url, 'resident');
  const created = await applicant.api.post<{ data: { id: number } }>('/api/applications', residentForm());
  const id = created.body.data.id;

  const staffView = await clerk.api.get<{ data: { staffUrl: string | null } }>(`/api/applications/${id}`);
  const base = services().config.publicUrl.replace(/\/$/, '');
  expect(staffView.body.data.staffUrl).toBe(`${base}/admin/applications/${id}`);

  const own = await applicant.api.get<{ data: { staffUrl: string | null } }>(`/api/applications/${id}`);
  expect(own.body.data.staffUrl).toBeNull();
});
