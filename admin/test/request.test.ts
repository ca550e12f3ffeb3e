import { ApiError, request } from '../src/request';

/**
 * The staff page's request layer against a scripted server (fetch replaced): what a clerk sees when
 * the server's database is away for a moment, or the network drops, while they submit a form.
 */

interface Sent {
  method: string;
  key: string | null;
}

let sent: Sent[] = [];
const realFetch = globalThis.fetch;

/** Answers the page's calls in turn with the given replies (a function throws like a dropped connection). */
function serve(...replies: (Response | (() => never))[]): void {
  sent = [];
  globalThis.fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    sent.push({ method: init?.method ?? 'GET', key: headers.get('Idempotency-Key') });
    const reply = replies.shift();
    if (!reply) {
      throw new Error('no more scripted replies');
    }
    return typeof reply === 'function' ? reply() : reply;
  }) as typeof fetch;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const databaseAway = () =>
  json(503, { error: { code: 'DATABASE_UNAVAILABLE', message: '服务暂时不可用，请几秒后重试' } }, { 'Retry-After': '2' });
const dropped = () => {
  throw new TypeError('fetch failed');
};

beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  jest.useRealTimers();
  globalThis.fetch = realFetch;
});

/** Runs `call` to its end, letting the layer's waits pass at once. */
async function settle<T>(call: Promise<T>): Promise<T> {
  const done = call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await jest.runAllTimersAsync();
  const result = await done;
  if ('error' in result) {
    throw result.error;
  }
  return result.value;
}

it('sends a submission again under the same Idempotency-Key until the server takes it, and gives its reply', async () => {
  serve(databaseAway(), dropped, json(201, { data: { id: 7, number: 'BZ202611290007' } }));
  const reply = await settle(request<{ id: number }>('/applications', { method: 'POST', body: { name: '珠江摩尔' } }));
  expect(reply.data.id).toBe(7);
  expect(sent.map((s) => s.method)).toEqual(['POST', 'POST', 'POST']);
  expect(sent[0]?.key).toBeTruthy();
  expect(new Set(sent.map((s) => s.key)).size).toBe(1);
});

it('keeps the key the page chose for the submission', async () => {
  serve(databaseAway(), json(200, { data: { id: 7 } }));
  await settle(request('/applications/7/actions/approve', { method: 'POST', body: {}, idempotencyKey: 'drawer-key-0001' }));
  expect(sent.map((s) => s.key)).toEqual(['drawer-key-0001', 'drawer-key-0001']);
});

it('stops after a few tries and shows the server’s Chinese message', async () => {
  serve(databaseAway(), databaseAway(), databaseAway(), databaseAway(), databaseAway());
  const failure = settle(request('/applications', { method: 'POST', body: {} }));
  await expect(failure).rejects.toBeInstanceOf(ApiError);
  await expect(failure).rejects.toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', message: '服务暂时不可用，请几秒后重试' });
  expect(sent).toHaveLength(4);
});

it('never repeats a refusal, and leaves reads to the page (no automatic repeat of a GET)', async () => {
  serve(json(409, { error: { code: 'STATE_CONFLICT', message: '报装状态已变化，请刷新后重试' } }));
  await expect(settle(request('/applications/7/actions/approve', { method: 'POST', body: {} }))).rejects.toMatchObject({
    code: 'STATE_CONFLICT',
  });
  expect(sent).toHaveLength(1);

  serve(dropped);
  await expect(settle(request('/applications'))).rejects.toMatchObject({
    code: 'NETWORK_ERROR',
    message: '网络连接失败，请检查网络后重试',
  });
  expect(sent).toEqual([{ method: 'GET', key: null }]);
});
