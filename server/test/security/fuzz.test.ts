import fc from 'fast-check';
import { createApplicant, createStaff, enterpriseForm, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/testServer';
import type { AppView } from '../support/workflow';

/**
 * Fuzzing the main endpoints with generated requests (fast-check): whatever arrives, the server
 * answers with a 4xx or 2xx — never a 5xx — and never shows a stack trace or SQL. Besides random
 * ids, the requests aim at applications this file created, in several states and owned by
 * different people, so that they reach real rows rather than 404s.
 */

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const LEAKS = /\bat [\w.<>]+ \(|node_modules|SELECT |INSERT INTO|UPDATE `|sequelize|SQLITE_|ER_[A-Z_]+|TypeError|ReferenceError|stack/i;

let server: TestServer;
let people: TestUser[];
/** The applications created in beforeAll; the generated ids are read at sampling time, after it. */
const appIds: number[] = [];

beforeAll(async () => {
  server = await startTestServer();
  people = await Promise.all([
    createStaff(server.url, ['window_clerk']),
    createStaff(server.url, ['reviewer', 'tech_head']),
    createStaff(server.url, ['admin']),
    createApplicant(server.url, 'enterprise'),
  ]);
  const [clerk, reviewer, , applicant] = people;
  if (!clerk || !reviewer || !applicant) {
    throw new Error('the fuzzing crew is incomplete');
  }
  const create = async (user: TestUser) => {
    const res = await user.api.post<{ data: AppView }>('/api/applications', enterpriseForm());
    expect(res.status).toBe(201);
    return res.body.data.id;
  };
  // The applicant's own (待审核 and, once approved, 待派工) and a window entry they cannot see.
  const [submitted, approved, windowEntry] = [await create(applicant), await create(applicant), await create(clerk)];
  expect((await reviewer.api.post(`/api/applications/${approved}/actions/approve`, {})).status).toBe(200);
  appIds.push(submitted, approved, windowEntry);
});
afterAll(() => server.close());

const ACTIONS = [
  'approve',
  'return',
  'withdraw',
  'dispatch',
  'submit_survey',
  'confirm_design',
  'submit_contract',
  'record_payment',
  'start_construction',
  'nope',
  '../x',
  '',
];
const junk = fc.oneof(fc.jsonValue(), fc.string(), fc.integer(), fc.constant(null), fc.object());
const formLike = fc.record(
  {
    kind: fc.oneof(fc.constantFrom('enterprise', 'resident', 'x'), junk),
    name: fc.oneof(fc.string({ maxLength: 120 }), junk),
    creditCode: fc.oneof(fc.string({ maxLength: 20 }), junk),
    contactName: fc.oneof(fc.string(), junk),
    contactPhone: fc.oneof(fc.stringMatching(/^1[3-9]\d{9}$/), fc.string(), junk),
    address: fc.oneof(fc.string(), junk),
    waterAddress: fc.oneof(fc.string(), junk),
    waterType: fc.oneof(fc.constantFrom('construction', 'permanent', 'capacity'), junk),
    buildingArea: fc.oneof(fc.double(), fc.string(), junk),
    state: junk,
  },
  { requiredKeys: [] },
);
const id = fc.oneof(
  fc.nat().map((n) => String(appIds[n % appIds.length])),
  fc.integer({ min: -5, max: 1e12 }).map(String),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const query = fc.dictionary(
  fc.constantFrom('page', 'pageSize', 'q', 'state', 'from', 'to', 'overdue', 'sort', 'kind', 'waterType', 'number', 'phone', 'x'),
  fc.string({ maxLength: 30 }),
);

const request = fc.record({
  who: fc.nat({ max: 4 }),
  route: fc.oneof(
    fc.record({
      method: fc.constant('POST'),
      path: fc.constant('/api/auth/login'),
      body: fc.oneof(junk, fc.record({ username: fc.string(), password: fc.string() })),
    }),
    fc.record({ method: fc.constant('POST'), path: fc.constant('/api/auth/register'), body: junk }),
    fc.record({ method: fc.constant('POST'), path: fc.constant('/api/applications'), body: fc.oneof(formLike, junk) }),
    fc.record({
      method: fc.constant('GET'),
      path: query.map((q) => `/api/applications?${new URLSearchParams(q).toString()}`),
      body: fc.constant(undefined),
    }),
    fc.record({ method: fc.constant('GET'), path: id.map((i) => `/api/applications/${i}`), body: fc.constant(undefined) }),
    fc.record({ method: fc.constant('GET'), path: id.map((i) => `/api/applications/${i}/history`), body: fc.constant(undefined) }),
    fc.record({ method: fc.constant('PATCH'), path: id.map((i) => `/api/applications/${i}`), body: fc.oneof(formLike, junk) }),
    fc.record({
      method: fc.constant('POST'),
      path: fc.tuple(id, fc.constantFrom(...ACTIONS)).map(([i, a]) => `/api/applications/${i}/actions/${encodeURIComponent(a)}`),
      body: fc.oneof(
        junk,
        fc.record({ comment: fc.string(), version: junk, budgetTotal: junk, sheet: junk, contract: junk }, { requiredKeys: [] }),
      ),
    }),
    fc.record({ method: fc.constant('POST'), path: id.map((i) => `/api/applications/${i}/transfer`), body: junk }),
    fc.record({ method: fc.constant('GET'), path: fc.constant('/api/worklist'), body: fc.constant(undefined) }),
    fc.record({
      method: fc.constantFrom('POST', 'PATCH'),
      path: fc.oneof(
        fc.constant('/api/users'),
        id.map((i) => `/api/users/${i}`),
      ),
      body: junk,
    }),
    fc.record({
      method: fc.constant('PUT'),
      path: fc
        .tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 }))
        .map(([f, s]) => `/api/settings/steps/${encodeURIComponent(f)}/${encodeURIComponent(s)}`),
      body: junk,
    }),
    fc.record({
      method: fc.constant('GET'),
      path: query.map((q) => `/api/attachments?${new URLSearchParams(q).toString()}`),
      body: fc.constant(undefined),
    }),
    fc.record({ method: fc.constant('GET'), path: id.map((i) => `/api/attachments/${i}/download`), body: fc.constant(undefined) }),
  ),
});

it(`answers ${REQUESTS} generated requests without a 5xx, a stack trace or SQL`, async () => {
  const samples = fc.sample(request, { numRuns: REQUESTS, seed: Number(process.env.FUZZ_SEED ?? 20261128) });
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  /** How often each created application was read back (200) by someone who may see it. */
  const seen = new Map<number, number>();
  for (let i = 0; i < samples.length; i += 16) {
    await Promise.all(
      samples.slice(i, i + 16).map(async ({ who, route }) => {
        const user = people[who];
        const res = await fetch(`${server.url}${route.path}`, {
          method: route.method,
          headers: { 'content-type': 'application/json', ...(user ? { authorization: `Bearer ${user.token}` } : {}) },
          body: route.body === undefined ? undefined : JSON.stringify(route.body),
        });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const read = route.method === 'GET' ? /^\/api\/applications\/(\d+)$/.exec(route.path) : null;
        if (read && res.status === 200) {
          seen.set(Number(read[1]), (seen.get(Number(read[1])) ?? 0) + 1);
        }
        // Error bodies are where a stack or SQL would leak; success bodies echo what was sent.
        if (res.status >= 500 || (res.status >= 400 && LEAKS.test(text))) {
          failures.push(`${route.method} ${route.path} → ${res.status} ${text.slice(0, 200)}`);
        }
      }),
    );
  }
  console.log(`fuzz: ${samples.length} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  expect(failures.slice(0, 10)).toEqual([]);
  // The probes reached every application created here, not one fixed id.
  expect(appIds.filter((created) => !seen.get(created))).toEqual([]);
}, 900_000);
