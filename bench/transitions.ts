import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import BetterSqlite3 from 'better-sqlite3';
import autocannon from 'autocannon';
import { percentile } from './lib';

export interface Throughput {
  perSecond: number;
  p99: number;
  ok: number;
  conflicts: number;
  errors: number;
}

/**
 * Clients cycling applications between 待派工 and 已退回 (the technical head rejects the dispatch,
 * the window clerk resubmits): every step is a full transition — state, history, outbox. The
 * clients are autocannon connections, as for every other measure: the load generator shares the
 * two cores with the API and the database, and autocannon costs a fraction of what `fetch` did.
 *
 * Every action carries its own Idempotency-Key, as the staff page and the mini program send them.
 *
 * `exclusive` (P3): a connection takes an application no other connection holds, so there are no
 * conflicts. Otherwise (P4) the connections take the applications in turn, many at once on each;
 * a refused action (409) is followed by a read of where the application now stands.
 */
export async function cycleTransitions(
  url: string,
  tokens: { techHead: string; clerk: string },
  appIds: number[],
  options: { connections: number; seconds: number; exclusive: boolean },
  // Where each application stands (`readStates`); kept up to date as the answers come.
  states: Map<number, string>,
): Promise<Throughput> {
  const free = [...appIds];
  let turn = 0;
  let ok = 0;
  let conflicts = 0;
  let errors = 0;
  const take = (): number => (options.exclusive ? (free.shift() ?? 0) : (appIds[turn++ % appIds.length] ?? 0));
  const failed = (what: string, status: number) => {
    if (process.env.BENCH_DEBUG) {
      console.error(`  ${what} → ${status}`);
    }
  };
  interface Turn {
    id?: number;
    action?: string;
    refresh?: boolean;
  }
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        setupRequest(request, context: Turn) {
          const id = take();
          const action = states.get(id) === 'dispatching' ? 'reject_dispatch' : 'resubmit';
          Object.assign(context, { id, action, refresh: false });
          return {
            ...request,
            method: 'POST',
            path: `/api/applications/${id}/actions/${action}`,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${action === 'reject_dispatch' ? tokens.techHead : tokens.clerk}`,
              // As both clients send it: a new key for each action a person takes.
              'idempotency-key': `bench-${randomUUID()}`,
            },
            body: JSON.stringify({ comment: '性能测试' }),
          };
        },
        onResponse(status, body, context: Turn) {
          const id = context.id ?? 0;
          if (status === 200) {
            const state = (JSON.parse(body) as { data?: { state?: string } }).data?.state;
            ok += 1;
            if (state) {
              states.set(id, state);
            }
          } else if (status === 409) {
            conflicts += 1;
            context.refresh = true;
          } else {
            errors += 1;
            failed(`${context.action ?? ''} #${id}`, status);
          }
          if (options.exclusive) {
            free.push(id);
          }
        },
      },
      {
        // Only after a 409: read the state the other client left (returning nothing skips this).
        setupRequest(request, context: Turn) {
          return context.refresh
            ? {
                ...request,
                method: 'GET',
                path: `/api/applications/${context.id ?? 0}`,
                headers: { authorization: `Bearer ${tokens.clerk}` },
              }
            : null;
        },
        onResponse(status, body, context: Turn) {
          const state = status === 200 ? (JSON.parse(body) as { data?: { state?: string } }).data?.state : undefined;
          if (state) {
            states.set(context.id ?? 0, state);
          } else {
            errors += 1;
            failed(`read #${context.id ?? 0}`, status);
          }
        },
      },
    ],
  });
  errors += result.errors + result.timeouts;
  return { perSecond: ok / options.seconds, p99: result.latency.p99, ok, conflicts, errors };
}

/**
 * Where each application stands, read before a round: the last one ended with actions in flight,
 * which the server still finishes (given a moment first).
 */
export async function readStates(url: string, appIds: number[], token: string): Promise<Map<number, string>> {
  await new Promise((resolve) => setTimeout(resolve, 500));
  const states = new Map<number, string>();
  for (const id of appIds) {
    const res = await fetch(`${url}/api/applications/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const state = ((await res.json()) as { data?: { state?: string } }).data?.state;
    if (!state) {
      throw new Error(`application ${id}: ${res.status}`);
    }
    states.set(id, state);
  }
  return states;
}

/**
 * The statements a transition writes, raw: the application's state and version, the history entry
 * after the last one, the notification.
 */
export async function transitionStatements(exec: (sql: string, params: unknown[]) => Promise<unknown[]>, id: number): Promise<void> {
  const [row] = (await exec('SELECT id, state, version FROM applications WHERE id = ?', [id])) as { state: string; version: number }[];
  const next = row?.state === 'dispatching' ? 'returned' : 'dispatching';
  await exec(
    'UPDATE applications SET state = ?, version = version + 1, state_entered_at = ?, updated_at = ? WHERE id = ? AND version = ?',
    [next, new Date(), new Date(), id, row?.version],
  );
  const [last] = (await exec('SELECT seq, hash FROM application_history WHERE application_id = ? ORDER BY seq DESC LIMIT 1', [id])) as {
    seq: number;
  }[];
  await exec(
    'INSERT INTO application_history (application_id, seq, action, action_label, from_state, to_state, actor_user_id, actor_role, actor_name, comment, attachment_ids, payload, step_started_at, duration_ms, clock, new_step, prev_hash, hash, at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, 0, ?, 1, NULL, ?, ?)',
    [
      id,
      (last?.seq ?? 0) + 1,
      'raw',
      'raw',
      row?.state,
      next,
      'tech_head',
      'bench',
      '性能测试',
      '[]',
      '{}',
      new Date(),
      'utility',
      randomUUID().replace(/-/g, '').padEnd(64, '0'),
      new Date(),
    ],
  );
  await exec(
    'INSERT INTO outbox (application_id, event, audience, payload, status, attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)',
    [id, 'returned', 'applicant', '{}', 'pending', new Date(), new Date(), new Date()],
  );
}

/**
 * The same statements a transition writes, sent raw, no HTTP: through mysql2 with `clients`
 * connections, through better-sqlite3 (the server's SQLite driver) one transition after another.
 */
export async function rawTransitions(databaseUrl: string, appIds: number[], clients: number, seconds: number): Promise<Throughput> {
  const latencies: number[] = [];
  let ok = 0;
  const until = Date.now() + seconds * 1000;
  if (databaseUrl.startsWith('mysql')) {
    const pool = mysql.createPool({ uri: databaseUrl, connectionLimit: clients, timezone: '+08:00' });
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        let turn = 0;
        while (Date.now() < until) {
          const id = appIds[(c + turn * clients) % appIds.length] ?? 0;
          turn += 1;
          const started = performance.now();
          const conn = await pool.getConnection();
          try {
            await conn.beginTransaction();
            await transitionStatements(async (sql, params) => (await conn.query(sql, params))[0] as unknown[], id);
            await conn.commit();
            ok += 1;
          } catch {
            await conn.rollback();
          } finally {
            conn.release();
          }
          latencies.push(performance.now() - started);
        }
      }),
    );
    await pool.end();
  } else {
    // SQLite takes one writer at a time, through the driver the server uses (better-sqlite3), so
    // the raw baseline runs the transitions one after another.
    const db = new BetterSqlite3(databaseUrl.replace(/^sqlite:/, ''), { timeout: 10_000 });
    const exec = (sql: string, params: unknown[]) => {
      const statement = db.prepare(sql);
      const values = params.map((p) => (p instanceof Date ? p.toISOString().replace('T', ' ').replace('Z', ' +00:00') : p));
      return Promise.resolve(statement.reader ? (statement.all(...values) as unknown[]) : (statement.run(...values), []));
    };
    while (Date.now() < until) {
      const id = appIds[ok % appIds.length] ?? 0;
      const started = performance.now();
      await exec('BEGIN IMMEDIATE', []);
      try {
        await transitionStatements(exec, id);
        await exec('COMMIT', []);
        ok += 1;
      } catch {
        await exec('ROLLBACK', []);
      }
      latencies.push(performance.now() - started);
    }
    db.close();
  }
  return { perSecond: ok / seconds, p99: percentile(latencies, 99), ok, conflicts: 0, errors: 0 };
}
