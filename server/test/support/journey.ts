import type { StaffRole } from '@wc/shared';
import type { Api } from './api';
import { createApplicant, createStaff, enterpriseForm, residentForm, type TestUser } from './factories';
import { budgetTotal, budgetXlsx, dwg, jpeg, pdf, sitePhoto } from './sampleFiles';
import { mustUpload } from './uploads';
import { must, type AppView } from './workflow';

/** One staff member per role (the contract stages' roles included), made once per test file. */
export type Crew = Record<StaffRole, TestUser>;

export async function createCrew(baseUrl: string): Promise<Crew> {
  const roles: StaffRole[] = [
    'window_clerk',
    'reviewer',
    'tech_head',
    'surveyor',
    'designer',
    'budgeter',
    'contract_clerk',
    'contract_approver',
    'cashier',
    'leader',
    'constructor',
    'acceptor',
    'admin',
  ];
  const people = await Promise.all(roles.map((role) => createStaff(baseUrl, [role], `测试${role}`)));
  return Object.fromEntries(roles.map((role, i) => [role, people[i]])) as Crew;
}

const photo = (name: string) => ({ displayName: name, fileName: `${name}.jpg`, content: sitePhoto() });

/** Survey: photos, sketch and the scheme signed by the applicant, then submit. */
export async function survey(crew: Crew, app: AppView): Promise<AppView> {
  await mustUpload(crew.surveyor.api, app.id, 'site_photo', photo('东门现场照片'));
  await mustUpload(crew.surveyor.api, app.id, 'scheme_sketch', { displayName: '接水方案草图', fileName: 'sketch.jpg', content: jpeg() });
  await mustUpload(crew.surveyor.api, app.id, 'signed_scheme', {
    displayName: '用户签字方案',
    fileName: 'signed.pdf',
    content: pdf('签字方案'),
  });
  return must(crew.surveyor.api, app.id, 'submit_survey', { summary: 'DN150 接入市政管网，水表井设于东门内侧' });
}

/** Design and budget: drawing (dwg + pdf) and the budget workbook, then submit with its total. */
export async function design(crew: Crew, app: AppView, budgetName = '给水工程预算书'): Promise<{ app: AppView; budgetId: number }> {
  await mustUpload(crew.designer.api, app.id, 'construction_drawing', {
    displayName: '给水施工图',
    fileName: 'drawing.dwg',
    content: dwg(),
  });
  await mustUpload(crew.designer.api, app.id, 'construction_drawing_pdf', {
    displayName: '给水施工图PDF',
    fileName: 'drawing.pdf',
    content: pdf(),
  });
  const budget = await mustUpload(crew.budgeter.api, app.id, 'budget', {
    displayName: budgetName,
    fileName: 'budget.xlsx',
    content: await budgetXlsx(),
  });
  const after = await must(crew.budgeter.api, app.id, 'submit_design', { budgetTotal: budgetTotal() });
  return { app: after, budgetId: budget.id };
}

/** A window-entered enterprise application, dispatched: at 现场勘察. */
export async function enterpriseAtSurvey(crew: Crew): Promise<AppView> {
  const created = await crew.window_clerk.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
  return must(crew.tech_head.api, created.body.data.id, 'dispatch');
}

/** An online enterprise application of a new applicant, reviewed and dispatched. */
export async function onlineEnterpriseAtSurvey(baseUrl: string, crew: Crew): Promise<{ applicant: TestUser; app: AppView }> {
  const applicant = await createApplicant(baseUrl, 'enterprise');
  const created = await applicant.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
  await must(crew.reviewer.api, created.body.data.id, 'approve');
  const app = await must(crew.tech_head.api, created.body.data.id, 'dispatch');
  return { applicant, app };
}

/** An online resident application, reviewed: at 现场勘察. */
export async function residentAtSurvey(baseUrl: string, crew: Crew): Promise<{ applicant: TestUser; app: AppView }> {
  const applicant = await createApplicant(baseUrl, 'resident');
  const created = await applicant.api.post<{ data: AppView }>('/api/applications', residentForm());
  const app = await must(crew.reviewer.api, created.body.data.id, 'approve');
  return { applicant, app };
}

export function detail(api: Api, id: number) {
  return api.get<{
    data: AppView & { contract: { number: string; ownerStatus: string; stages: { name: string; role: string }[] } | null };
  }>(`/api/applications/${id}`);
}
