/**
 * One applicant probing another's application: every way in answers 404 with nothing of the other
 * customer's in the body, changes nothing, and leaves a line in the log naming who tried.
 */
import { createApplicant, enterpriseForm } from '../support/factories';
import { createCrew, design, onlineEnterpriseAtSurvey, survey, type Crew } from '../support/journey';
import { capturedLogs, startTestServer, type TestServer } from '../support/testServer';
import { type AppView } from '../support/workflow';

let server: TestServer;
let crew: Crew;

beforeAll(async () => {
  server = await startTestServer();
  crew = await createCrew(server.url);
});
afterAll(() => server.close());

interface AttachmentView {
  id: number;
  category: string;
  downloadUrl: string | null;
}

it('answers applicant A with 404 for everything of applicant B’s, logs each denial and changes nothing', async () => {
  const { app: atSurvey, applicant: owner } = await onlineEnterpriseAtSurvey(server.url, crew);
  const { app, budgetId } = await design(crew, await survey(crew, atSurvey));
  const stranger = await createApplicant(server.url, 'enterprise');
  const ownView = (await owner.api.get<{ data: AppView & { name: string; number: string } }>(`/api/applications/${app.id}`)).body.data;
  // The stranger tries the very action the owner is offered now (确认施工图和预算): a real action
  // refused for the stranger, not an unknown name that would be refused for anyone.
  const ownersAction = 'confirm_design';
  expect(ownView.availableActions.map((a) => a.key)).toContain(ownersAction);
  const files = (await owner.api.get<{ data: AttachmentView[] }>(`/api/applications/${app.id}/attachments`)).body.data;
  const budget = files.find((f) => f.id === budgetId);
  expect(budget?.downloadUrl).toBeTruthy();
  const ownerLink = new URL(budget?.downloadUrl ?? '', server.url);
  // A signed link re-addressed to the stranger (their user id, the owner's signature) is a forgery.
  const forged = new URL(ownerLink);
  forged.searchParams.set('u', String(stranger.auth.id));

  const logsBefore = capturedLogs.length;
  const probes = [
    () => stranger.api.get(`/api/applications/${app.id}`),
    () => stranger.api.get(`/api/applications/${app.id}/history`),
    () => stranger.api.get(`/api/applications/${app.id}/attachments`),
    () => stranger.api.get(`/api/attachments/${budgetId}/download`),
    () => stranger.api.get(`/api/attachments/${budgetId}/preview`),
    () => stranger.api.post(`/api/applications/${app.id}/actions/${ownersAction}`, { budgetAttachmentId: budgetId }),
    () => stranger.api.patch(`/api/applications/${app.id}`, enterpriseForm({ name: '冒名顶替' })),
  ];
  for (const probe of probes) {
    const res = await probe();
    expect(`${res.status} ${JSON.stringify(res.body)}`).toMatch(/^404 /);
    const body = JSON.stringify(res.body);
    expect(body).not.toContain(ownView.name);
    expect(body).not.toContain(ownView.number);
    expect(body).not.toContain('预算');
  }
  const forgedRes = await fetch(forged);
  expect(forgedRes.status).toBe(401);
  expect(await forgedRes.text()).not.toContain(ownView.name);

  const denials = capturedLogs
    .slice(logsBefore)
    .map((line) => JSON.parse(line) as { event?: string; userId?: number; targetType?: string; targetId?: number })
    .filter((entry) => entry.event === 'access.denied' && entry.userId === stranger.auth.id);
  expect(denials.map((d) => `${d.targetType}:${d.targetId}`)).toEqual([
    `application:${app.id}`,
    `application:${app.id}`,
    `application:${app.id}`,
    `attachment:${budgetId}`,
    `attachment:${budgetId}`,
    `application:${app.id}`,
    `application:${app.id}`,
  ]);

  const after = (await owner.api.get<{ data: AppView & { name: string } }>(`/api/applications/${app.id}`)).body.data;
  expect(after.state).toBe(ownView.state);
  expect(after.version).toBe(ownView.version);
  expect(after.name).toBe(ownView.name);
  // The owner's own link still works: the refusals were about the stranger, not the file.
  const ownerRes = await fetch(ownerLink);
  expect(ownerRes.status).toBe(200);
  expect((await ownerRes.arrayBuffer()).byteLength).toBeGreaterThan(0);
});
