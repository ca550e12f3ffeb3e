/**
 * MariaDB going away under steady traffic (a restart, a failover): while it is away every request
 * gets 503 with `Retry-After` and a Chinese "try again shortly" (never a 500), the server answers
 * again by itself once it is back, and clients repeating with the same `Idempotency-Key` end up
 * with every acknowledged application stored exactly once.
 *
 * The machine's MariaDB is shared, so it is not stopped: a TCP proxy in this process stands between
 * the test server and MariaDB, and the outage is the proxy closing its port and dropping every
 * connection through it (what clients see of a killed server), then opening it again.
 */
import net from 'node:net';
import { NETWORK_ERROR, failureFromReply, networkFailure, sendWithRetries, type ApiFailure } from '@wc/shared';
import { createApplicant, enterpriseForm, unique, type TestUser } from '../support/factories';
import { databaseUrl, startTestServer, type TestServer } from '../support/testServer';
import type { AppView } from '../support/workflow';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Forwards 127.0.0.1:<port> to MariaDB until cut; restore opens the same port again. */
class DatabaseProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly upstreamPort: number,
  ) {
    this.server = net.createServer((client) => this.forward(client));
  }

  private forward(client: net.Socket): void {
    const upstream = net.connect(this.upstreamPort, this.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }

  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** MariaDB is gone: new connections are refused, open ones break mid-query. */
  cut(): void {
    this.server.close();
    for (const socket of this.sockets) {
      socket.destroy();
    }
  }

  restore(): Promise<void> {
    return this.listen(this.port);
  }

  close(): void {
    this.cut();
  }
}

interface Outcome {
  name: string;
  /** The id of the 201, or null when the client gave up. */
  id: number | null;
}

const onMariaDb = process.env.TEST_DB === 'mysql';
// SQLite is a file inside the server's own process: there is no connection to lose or server to
// restart, so there is no outage of this kind to simulate there.
const describeOnMariaDb = onMariaDb ? describe : describe.skip;

describeOnMariaDb('MariaDB away under creation traffic (MariaDB only: SQLite has no connection to lose)', () => {
  let proxy: DatabaseProxy;
  let server: TestServer;
  let applicant: TestUser;

  beforeAll(async () => {
    const direct = new URL(await databaseUrl(''));
    proxy = new DatabaseProxy(direct.hostname, Number(direct.port || 3306));
    await proxy.listen();
    const viaProxy = new URL(direct);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    server = await startTestServer({ DATABASE_URL: viaProxy.toString() });
    applicant = await createApplicant(server.url, 'enterprise');
  });
  afterAll(async () => {
    await server?.close();
    proxy?.close();
  });

  it('answers 503 + Retry-After while it is away, recovers by itself, and keeps every acknowledged write exactly once', async () => {
    const statuses = new Map<number, number>();
    const unavailable: { retryAfter: string | null; body: unknown }[] = [];
    let cutAt = Number.POSITIVE_INFINITY;
    let restoredAt = Number.POSITIVE_INFINITY;
    const acknowledgedAt: number[] = [];

    /**
     * One try of a creation, as a client sends it: a retry repeats the same body with the same key
     * (the form carries a random credit code, so it is built once per creation, not per try).
     * A refusal is thrown as the client reads it.
     */
    const createOnce = async (body: string, key: string): Promise<number> => {
      let res: Response;
      try {
        res = await fetch(`${server.url}/api/applications`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${applicant.token}`, 'Idempotency-Key': key },
          body,
        });
      } catch {
        throw networkFailure();
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const reply = (await res.json()) as { data: AppView };
      if (res.status === 201) {
        acknowledgedAt.push(Date.now());
        return reply.data.id;
      }
      if (res.status === 503) {
        unavailable.push({ retryAfter: res.headers.get('retry-after'), body: reply });
      }
      throw failureFromReply(res.status, reply, res.headers.get('retry-after'));
    };

    // Six clients create applications one after the other, each repeating a failed creation with
    // its key as the clients do, until told to stop.
    let running = true;
    const outcomes: Outcome[] = [];
    const client = async (n: number) => {
      for (let i = 0; running; i++) {
        const name = unique(`断库测试${n}-${i}`);
        const key = `outage-${n}-${i}-${Date.now().toString(36)}`;
        try {
          const body = JSON.stringify(enterpriseForm({ name }));
          outcomes.push({ name, id: await sendWithRetries(() => createOnce(body, key), pause) });
        } catch (error) {
          const failure = error as ApiFailure;
          if (failure.code !== NETWORK_ERROR && failure.status !== 503) {
            throw error;
          }
          outcomes.push({ name, id: null });
        }
      }
    };
    const clients = [1, 2, 3, 4, 5, 6].map(client);

    await pause(3000);
    const beforeCut = outcomes.length;
    cutAt = Date.now();
    proxy.cut();
    await pause(4000);
    await proxy.restore();
    restoredAt = Date.now();
    await pause(4000);
    running = false;
    await Promise.all(clients);

    // Traffic flowed before the cut, and the outage was answered with 503s, never with a 500.
    expect(beforeCut).toBeGreaterThan(0);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(statuses.get(500) ?? 0).toBe(0);
    for (const reply of unavailable) {
      expect(reply.body).toEqual({ error: { code: 'DATABASE_UNAVAILABLE', message: '服务暂时不可用，请几秒后重试' } });
      expect(Number(reply.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    // Nothing was acknowledged while MariaDB was away; after it came back the server answered again
    // by itself, within a few seconds.
    expect(acknowledgedAt.filter((at) => at > cutAt + 1000 && at < restoredAt)).toEqual([]);
    const firstAfter = acknowledgedAt.find((at) => at >= restoredAt);
    expect(firstAfter).toBeDefined();
    expect((firstAfter ?? Number.POSITIVE_INFINITY) - restoredAt).toBeLessThan(10_000);

    // Every acknowledged application is stored exactly once; one given up on is stored at most once.
    const stored = new Map<string, number[]>();
    for (let page = 1; ; page++) {
      const res = await applicant.api.get<{ data: AppView[]; meta: { total: number } }>(`/api/applications?pageSize=200&page=${page}`);
      expect(res.status).toBe(200);
      for (const app of res.body.data) {
        stored.set(app.name, [...(stored.get(app.name) ?? []), app.id]);
      }
      if (res.body.data.length < 200) {
        break;
      }
    }
    const acknowledged = outcomes.filter((o) => o.id !== null);
    expect(acknowledged.length).toBeGreaterThan(beforeCut);
    expect(acknowledged.filter((o) => stored.get(o.name)?.length !== 1 || stored.get(o.name)?.[0] !== o.id)).toEqual([]);
    expect(outcomes.filter((o) => (stored.get(o.name)?.length ?? 0) > 1)).toEqual([]);
    console.log(
      `database outage: ${outcomes.length} creations (${beforeCut} before the cut), ${acknowledged.length} acknowledged, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
  }, 120_000);
});
