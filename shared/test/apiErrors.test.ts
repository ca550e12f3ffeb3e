import {
  MUTATION_ATTEMPTS,
  NETWORK_ERROR,
  failureFromReply,
  networkFailure,
  parseRetryAfter,
  retryDelayMs,
  sendWithRetries,
  type ApiFailure,
} from '../src/api/errors';

/** How both clients read failures and when they send a mutation again (src/api/errors.ts). */

describe('reading a failed reply', () => {
  it('reads the error contract, keeping only well-formed field messages', () => {
    expect(
      failureFromReply(400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: '社会信用代码应为18位',
          details: [{ path: 'creditCode', message: '社会信用代码应为18位' }, { bogus: 1 }],
        },
      }),
    ).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: '社会信用代码应为18位',
      details: [{ path: 'creditCode', message: '社会信用代码应为18位' }],
      retryAfterMs: null,
    });
  });

  it('gives a Chinese message for replies that are not the contract', () => {
    expect(failureFromReply(502, '<html>Bad Gateway</html>')).toMatchObject({ code: 'INTERNAL', message: '服务器开小差了，请稍后再试' });
    expect(failureFromReply(400, { error: { code: 'NOPE' } })).toMatchObject({ code: 'BAD_REQUEST', message: '请求格式不正确' });
    expect(failureFromReply(404, null)).toMatchObject({ code: 'BAD_REQUEST', details: [] });
  });

  it('keeps what the server asked to wait, in seconds or as a date', () => {
    const reply = { error: { code: 'DATABASE_UNAVAILABLE', message: '服务暂时不可用，请几秒后重试' } };
    expect(failureFromReply(503, reply, '3')).toMatchObject({ code: 'DATABASE_UNAVAILABLE', retryAfterMs: 3000 });
    const now = Date.parse('2026-11-29T08:00:00Z');
    expect(parseRetryAfter('Sun, 29 Nov 2026 08:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('has one code for "no answer came", the same in both clients', () => {
    expect(networkFailure()).toEqual({
      status: 0,
      code: NETWORK_ERROR,
      message: '网络连接失败，请检查网络后重试',
      details: [],
      retryAfterMs: null,
    });
    expect(networkFailure('上传中断，请检查网络后重试').message).toBe('上传中断，请检查网络后重试');
  });
});

describe('sending a mutation again', () => {
  const unavailable = (retryAfterMs: number | null): ApiFailure => ({
    status: 503,
    code: 'DATABASE_UNAVAILABLE',
    message: '服务暂时不可用，请几秒后重试',
    details: [],
    retryAfterMs,
  });

  it('repeats only "database away" and "no answer", waiting longer each time and at least Retry-After', () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(networkFailure(), attempt))).toEqual([1000, 2000, 4000]);
    expect(retryDelayMs(unavailable(3000), 1)).toBe(3000);
    expect(retryDelayMs(unavailable(60_000), 1)).toBe(10_000);
    expect(retryDelayMs(unavailable(null), MUTATION_ATTEMPTS)).toBeNull();
    for (const refusal of [
      failureFromReply(409, { error: { code: 'STATE_CONFLICT' } }),
      failureFromReply(500, null),
      failureFromReply(400, { error: { code: 'VALIDATION_FAILED' } }),
    ]) {
      expect(retryDelayMs(refusal, 1)).toBeNull();
    }
  });

  it('sends until an answer comes, then gives that answer', async () => {
    const waits: number[] = [];
    const replies: (ApiFailure | string)[] = [networkFailure(), unavailable(3000), 'created'];
    let tries = 0;
    const result = await sendWithRetries(
      async () => {
        const reply = replies[tries++];
        if (typeof reply !== 'string') {
          throw reply;
        }
        return reply;
      },
      async (ms) => void waits.push(ms),
    );
    expect(result).toBe('created');
    expect(waits).toEqual([1000, 3000]);
  });

  it(`gives up after ${MUTATION_ATTEMPTS} tries with the last failure, and never repeats a refusal`, async () => {
    let tries = 0;
    await expect(
      sendWithRetries(
        () => {
          tries += 1;
          return Promise.reject(unavailable(null));
        },
        () => Promise.resolve(),
      ),
    ).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(tries).toBe(MUTATION_ATTEMPTS);

    tries = 0;
    await expect(
      sendWithRetries(
        () => {
          tries += 1;
          return Promise.reject(failureFromReply(409, { error: { code: 'STATE_CONFLICT' } }));
        },
        () => Promise.resolve(),
      ),
    ).rejects.toMatchObject({ code: 'STATE_CONFLICT' });
    expect(tries).toBe(1);
  });
});
