import type { ActionKey, ApplicationForm } from '@wc/shared';
import { createApplication } from '../../src/commands/applicationCreator';
import { performAction } from '../../src/commands/workflow/transitioner';
import { withTransaction } from '../../src/db/transaction';
import type { AuthUser } from '../../src/context';
import type { Application } from '../../src/models';
import { services } from '../../src/services';
import type { TestUser } from '../support/factories';
import type { Crew } from '../support/journey';
import { jpeg, pdf, sitePhoto } from '../support/sampleFiles';
import { mustUpload } from '../support/uploads';

/**
 * Resident applications walked to completion at chosen instants: the API always uses the present,
 * so the actions run through the command the API calls, at a given `now`; files go up through the API.
 */
export const at = (s: string) => new Date(`${s}+08:00`);

export function createAt(form: ApplicationForm, channel: 'window' | 'online', actor: AuthUser, when: Date): Promise<Application> {
  return withTransaction(services().sequelize, (t) =>
    createApplication({ form, channel, actor, applicantUserId: channel === 'online' ? actor.id : null, now: when }, t),
  );
}

export async function actAt(app: Application, action: ActionKey, actor: TestUser, when: Date, input: Record<string, unknown> = {}) {
  // An action that asks for a reason category (退回) gets the first one the server offers.
  const offered = await actor.api.get<{ data: { availableActions: { key: string; reasonCategories?: { id: number }[] }[] } }>(
    `/api/applications/${app.id}`,
  );
  const reason = offered.body.data.availableActions.find((a) => a.key === action)?.reasonCategories?.[0];
  const body = reason ? { ...input, reasonCategoryId: reason.id } : input;
  return withTransaction(services().sequelize, (t) =>
    performAction({ applicationId: app.id, action, actor: actor.auth, input: body, now: when }, t),
  );
}

const photo = (name: string) => ({ displayName: name, fileName: `${name}.jpg`, content: sitePhoto() });

export interface WalkTimes {
  survey: string;
  paid: string;
  built: string;
  accepted: string;
  handed: string;
}

/** From 现场勘察 to 已完成 at the given instants: survey, payment, construction, acceptance, handover. */
export async function walkFromSurvey(crew: Crew, app: Application, times: WalkTimes, amount: number): Promise<void> {
  await mustUpload(crew.surveyor.api, app.id, 'site_photo', photo('现场'));
  await mustUpload(crew.surveyor.api, app.id, 'scheme_sketch', { displayName: '草图', fileName: 's.jpg', content: jpeg() });
  await mustUpload(crew.surveyor.api, app.id, 'signed_scheme', { displayName: '签字方案', fileName: 's.pdf', content: pdf() });
  await actAt(app, 'submit_survey', crew.surveyor, at(times.survey), { summary: '楼道立管接入' });
  await mustUpload(crew.cashier.api, app.id, 'payment_receipt', { displayName: '收据', fileName: 'r.jpg', content: jpeg() });
  await actAt(app, 'record_payment', crew.cashier, at(times.paid), { amount, paidOn: times.paid.slice(0, 10), receiptNo: 'SJ-1' });
  for (const [category, action] of [
    ['entry_photo', 'entry_photos'],
    ['completion_photo', 'completion_photos'],
    ['water_on_photo', 'water_on_photos'],
  ] as const) {
    await mustUpload(crew.constructor.api, app.id, category, photo(category));
    await actAt(app, action, crew.constructor, at(times.built));
  }
  // The meter registration the flow may ask for before 施工完成 (when the flow has it).
  const built = await crew.constructor.api.get<{ data: { availableActions: { key: string }[] } }>(`/api/applications/${app.id}`);
  if (built.body.data.availableActions.some((a) => a.key === 'record_meter')) {
    const meter = { number: `JM-${app.id}`, caliber: 'DN20', model: 'LXS-20E', initialReading: 0 };
    await actAt(app, 'record_meter' as ActionKey, crew.constructor, at(times.built), { meter });
  }
  await actAt(app, 'submit_construction', crew.constructor, at(times.built));
  await mustUpload(crew.acceptor.api, app.id, 'acceptance_form', { displayName: '验收单', fileName: 'a.jpg', content: jpeg() });
  await mustUpload(crew.acceptor.api, app.id, 'acceptance_photo', photo('验收'));
  await actAt(app, 'submit_acceptance', crew.acceptor, at(times.accepted), { acceptedOn: times.accepted.slice(0, 10), summary: '合格' });
  await mustUpload(crew.acceptor.api, app.id, 'handover_form', { displayName: '移交单', fileName: 'h.jpg', content: jpeg() });
  await actAt(app, 'submit_handover', crew.acceptor, at(times.handed), { handedOverOn: times.handed.slice(0, 10), receiver: '张三' });
}
