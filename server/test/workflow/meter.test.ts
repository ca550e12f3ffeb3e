import { Application } from '../../src/models';
import { createCrew, residentAtSurvey, survey, type Crew } from '../support/journey';
import { jpeg, sitePhoto } from '../support/sampleFiles';
import { startTestServer, type TestServer } from '../support/testServer';
import { mustUpload } from '../support/uploads';
import { act, history, must, type AppView } from '../support/workflow';

/** 登记水表: the resident's constructor records the meter before 施工完成 (issue G6). */
let server: TestServer;
let crew: Crew;

beforeAll(async () => {
  server = await startTestServer();
  crew = await createCrew(server.url);
});
afterAll(() => server.close());

const photo = (name: string) => ({ displayName: name, fileName: `${name}.jpg`, content: sitePhoto() });

/** A resident application at 施工, its three photo sets taken. */
async function residentBuilt(): Promise<{ app: AppView; applicant: Awaited<ReturnType<typeof residentAtSurvey>>['applicant'] }> {
  const { applicant, app } = await residentAtSurvey(server.url, crew);
  await survey(crew, app);
  await mustUpload(crew.cashier.api, app.id, 'payment_receipt', { displayName: '缴费收据', fileName: 'r.jpg', content: jpeg() });
  await must(crew.cashier.api, app.id, 'record_payment', { amount: 1850, paidOn: '2026-11-25' });
  for (const [category, action, name] of [
    ['entry_photo', 'entry_photos', '进场照片'],
    ['completion_photo', 'completion_photos', '完工照片'],
    ['water_on_photo', 'water_on_photos', '通水照片'],
  ] as const) {
    await mustUpload(crew.constructor.api, app.id, category, photo(name));
    await must(crew.constructor.api, app.id, action);
  }
  return { app: await detailOf(app.id), applicant };
}

async function detailOf(id: number) {
  const res = await crew.constructor.api.get<{ data: AppView & { meter: unknown } }>(`/api/applications/${id}`);
  return res.body.data;
}

const METER = { number: 'JM-2026-0001', caliber: 'DN20', model: 'LXS-20E', initialReading: 3.5 };

describe('a resident’s meter (登记水表)', () => {
  it('refuses 施工完成 until the meter is recorded, then records it in the detail and the history', async () => {
    const { app, applicant } = await residentBuilt();
    const offered = app.availableActions.find((a) => a.key === 'submit_construction');
    expect(offered?.blockedBy).toBe('请先登记水表信息');
    expect(app.availableActions.map((a) => a.key)).toContain('record_meter');

    const refused = await act(crew.constructor.api, app.id, 'submit_construction');
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe('请先登记水表信息');
    expect((await detailOf(app.id)).state).toBe('construction');

    const stays = await must(crew.constructor.api, app.id, 'record_meter', { meter: METER });
    expect(stays.state).toBe('construction');
    const shown = await detailOf(app.id);
    expect(shown.meter).toEqual(METER);
    // Staff see what was recorded in the 报装记录; the applicant sees the step, not the meter data.
    const entry = (await history(crew.constructor.api, app.id)).find((e) => e.action === 'record_meter');
    expect(entry).toMatchObject({ actionLabel: '登记水表', payload: { meter: METER } });

    const acceptance = await must(crew.constructor.api, app.id, 'submit_construction');
    expect(acceptance.state).toBe('acceptance');
    const mine = await applicant.api.get<{ data: { meter: unknown } }>(`/api/applications/${app.id}`);
    expect(mine.body.data.meter).toEqual(METER);
  });

  it('answers each wrong field in Chinese and changes nothing', async () => {
    const { app } = await residentBuilt();
    const res = await act(crew.constructor.api, app.id, 'record_meter', {
      meter: { number: ' ', caliber: 'DN300', model: '', initialReading: -1 },
    });
    expect(res.status).toBe(400);
    const messages = Object.fromEntries((res.body.error.details ?? []).map((d) => [d.path, d.message]));
    expect(messages).toEqual({
      'meter.number': '请填写表号',
      'meter.caliber': '请选择口径',
      'meter.model': '请填写型号',
      'meter.initialReading': '初始读数不能为负数',
    });
    const row = await Application.findByPk(app.id);
    expect(row?.meter).toBeNull();
    expect((await history(crew.constructor.api, app.id)).some((e) => e.action === 'record_meter')).toBe(false);
  });

  it('is the constructor’s: other roles are refused', async () => {
    const { app } = await residentBuilt();
    const res = await act(crew.acceptor.api, app.id, 'record_meter', { meter: METER });
    expect(res.status).toBe(403);
  });
});
