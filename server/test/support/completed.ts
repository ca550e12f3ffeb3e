import type { Crew } from './journey';
import { residentAtSurvey, survey } from './journey';
import { jpeg, sitePhoto } from './sampleFiles';
import { mustUpload } from './uploads';
import { must, type AppView } from './workflow';
import type { TestUser } from './factories';

const photo = (name: string) => ({ displayName: name, fileName: `${name}.jpg`, content: sitePhoto() });

/**
 * An online resident application walked through the API to 已完成 (报装已完成): reviewed, surveyed,
 * paid, built, accepted and handed over, each step by the crew's member of its role.
 */
export async function completedResident(baseUrl: string, crew: Crew): Promise<{ applicant: TestUser; app: AppView }> {
  const started = await residentAtSurvey(baseUrl, crew);
  const app = started.app;
  await survey(crew, app);
  await mustUpload(crew.cashier.api, app.id, 'payment_receipt', { displayName: '缴费收据', fileName: 'r.jpg', content: jpeg() });
  await must(crew.cashier.api, app.id, 'record_payment', { amount: 1850, paidOn: '2026-11-25', receiptNo: 'SJ-0001' });
  for (const [category, action, name] of [
    ['entry_photo', 'entry_photos', '进场照片'],
    ['completion_photo', 'completion_photos', '完工照片'],
    ['water_on_photo', 'water_on_photos', '通水照片'],
  ] as const) {
    await mustUpload(crew.constructor.api, app.id, category, photo(name));
    await must(crew.constructor.api, app.id, action);
  }
  // 登记水表, where the build has it (water may not be turned on before the meter is recorded).
  const built = await crew.constructor.api.get<{ data: AppView }>(`/api/applications/${app.id}`);
  if (built.body.data.availableActions.some((a) => a.key === 'record_meter')) {
    await must(crew.constructor.api, app.id, 'record_meter', {
      meter: { number: `JM-${app.id}`, caliber: 'DN20', model: 'LXS-20E', initialReading: 0 },
    });
  }
  await must(crew.constructor.api, app.id, 'submit_construction');
  await mustUpload(crew.acceptor.api, app.id, 'acceptance_form', { displayName: '验收单', fileName: 'a.jpg', content: jpeg() });
  await mustUpload(crew.acceptor.api, app.id, 'acceptance_photo', photo('验收照片'));
  await must(crew.acceptor.api, app.id, 'submit_acceptance', { acceptedOn: '2026-11-27', summary: '合格' });
  await mustUpload(crew.acceptor.api, app.id, 'handover_form', { displayName: '移交单', fileName: 'h.jpg', content: jpeg() });
  const done = await must(crew.acceptor.api, app.id, 'submit_handover', { handedOverOn: '2026-11-28', receiver: '张三' });
  return { applicant: started.applicant, app: done };
}
