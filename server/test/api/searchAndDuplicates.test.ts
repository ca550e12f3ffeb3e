import type { ApplicationView, DuplicateApplicationView } from '@wc/shared';
import { createApplicant, createStaff, enterpriseForm, residentForm, unique, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import { must, type AppView } from '../support/workflow';

let server: TestServer;
let clerk: TestUser;
let reviewer: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  clerk = await createStaff(server.url, ['window_clerk']);
  reviewer = await createStaff(server.url, ['reviewer']);
});
afterAll(() => server.close());

type ListReply = { data: AppView[]; meta: { total: number } };
type CreateReply = { data: ApplicationView; meta: { duplicates: DuplicateApplicationView[] } };

describe('search by address, credit code and contact', () => {
  it('finds an application by any of them, alone or in the keyword', async () => {
    const tag = unique('搜');
    const form = enterpriseForm({
      name: `${tag}置业有限公司`,
      contactName: `${tag}经理`,
      address: `广州市海珠区${tag}大道1号`,
      waterAddress: `广州市海珠区${tag}工地3号`,
    });
    const created = await clerk.api.post<CreateReply>('/api/applications', form);
    expect(created.status).toBe(201);
    const numberOf = async (query: string) =>
      (await reviewer.api.get<ListReply>(`/api/applications?${query}`)).body.data.map((a) => a.number);
    const number = created.body.data.number;

    expect(await numberOf(`address=${encodeURIComponent(`${tag}工地`)}`)).toEqual([number]);
    expect(await numberOf(`address=${encodeURIComponent(`${tag}大道`)}`)).toEqual([number]);
    expect(await numberOf(`contactName=${encodeURIComponent(`${tag}经理`)}`)).toEqual([number]);
    // Typed in lower case from a licence.
    expect(await numberOf(`creditCode=${form.creditCode?.toLowerCase()}`)).toEqual([number]);
    expect(await numberOf(`q=${encodeURIComponent(`${tag}工地3号`)}`)).toEqual([number]);
    expect(await numberOf(`q=${form.creditCode}`)).toEqual([number]);
    expect(await numberOf(`q=${encodeURIComponent(`${tag}经理`)}`)).toEqual([number]);
    expect(await numberOf(`address=${encodeURIComponent(`${tag}不存在的路`)}`)).toEqual([]);
  });

  it('takes hostile text as text', async () => {
    for (const text of ["' OR 1=1 --", '%', '_', '\\', '"; DROP TABLE applications; --', '😀'.repeat(30)]) {
      const res = await reviewer.api.get<ListReply>(
        `/api/applications?address=${encodeURIComponent(text)}&contactName=${encodeURIComponent(text)}`,
      );
      expect(res.status).toBe(200);
    }
    // A wildcard typed is a character looked for, not "anything".
    const all = (await reviewer.api.get<ListReply>('/api/applications')).body.meta.total;
    expect(all).toBeGreaterThan(0);
    for (const wildcard of ['%', '_']) {
      const res = await reviewer.api.get<ListReply>(`/api/applications?q=${encodeURIComponent(wildcard)}`);
      expect(res.body.meta.total).toBe(0);
    }
  });
});

describe('a warning when the same request is already in progress', () => {
  it('tells the clerk on creation and the reviewer on the application, and never refuses', async () => {
    // Sent online by the customer (so it waits in 待审核), then typed in again at the window.
    const customer = await createApplicant(server.url, 'enterprise');
    const first = (
      await customer.api.post<CreateReply>('/api/applications', enterpriseForm({ waterAddress: unique('广州市天河区重复路') }))
    ).body;
    expect(first.meta.duplicates).toEqual([]);

    // Same credit code, other site: still created, with the warning naming the match.
    const sameCompany = await clerk.api.post<CreateReply>(
      '/api/applications',
      enterpriseForm({ creditCode: first.data.creditCode ?? undefined, waterAddress: unique('广州市天河区另一路') }),
    );
    expect(sameCompany.status).toBe(201);
    expect(sameCompany.body.meta.duplicates).toEqual([
      expect.objectContaining({ id: first.data.id, number: first.data.number, stateLabel: '待审核', matched: ['creditCode'] }),
    ]);

    // Same site typed with a blank, by a resident: matched on the address.
    const spaced = first.data.waterAddress.replace('重复路', '重复路 ');
    const sameSite = await clerk.api.post<CreateReply>('/api/applications', residentForm({ waterAddress: spaced }));
    expect(sameSite.status).toBe(201);
    expect(sameSite.body.meta.duplicates.map((d) => [d.id, d.matched])).toEqual([[first.data.id, ['waterAddress']]]);

    // The reviewer sees both others on the first one.
    const onFirst = await reviewer.api.get<{ data: DuplicateApplicationView[] }>(`/api/applications/${first.data.id}/duplicates`);
    expect(onFirst.body.data.map((d) => d.id).sort()).toEqual([sameCompany.body.data.id].sort());

    // While typing at the window.
    const asked = await clerk.api.get<{ data: DuplicateApplicationView[] }>(
      `/api/applications/duplicates?creditCode=${first.data.creditCode}&waterAddress=${encodeURIComponent(first.data.waterAddress)}`,
    );
    expect(asked.body.data.find((d) => d.id === first.data.id)?.matched).toEqual(['creditCode', 'waterAddress']);

    // Once it is no longer in progress (the customer withdrew it), it no longer warns.
    await must(customer.api, first.data.id, 'withdraw');
    const after = await clerk.api.get<{ data: DuplicateApplicationView[] }>(
      `/api/applications/duplicates?creditCode=${first.data.creditCode}`,
    );
    expect(after.body.data.map((d) => d.id)).toEqual([sameCompany.body.data.id]);
  });

  it('tells an applicant only of their own applications', async () => {
    const owner = await createApplicant(server.url, 'enterprise');
    const other = await createApplicant(server.url, 'enterprise');
    const site = unique('广州市黄埔区隐私路');
    const mine = await owner.api.post<CreateReply>('/api/applications', enterpriseForm({ waterAddress: site }));
    expect(mine.status).toBe(201);
    const theirs = await other.api.post<CreateReply>('/api/applications', enterpriseForm({ waterAddress: site }));
    expect(theirs.status).toBe(201);
    expect(theirs.body.meta.duplicates).toEqual([]);
    const again = await owner.api.post<CreateReply>('/api/applications', enterpriseForm({ waterAddress: site }));
    expect(again.body.meta.duplicates.map((d) => d.id)).toEqual([mine.body.data.id]);
    expect((await other.api.get(`/api/applications/${mine.body.data.id}/duplicates`)).status).toBe(404);
  });
});
