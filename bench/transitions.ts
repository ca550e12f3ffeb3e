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
            // 不通过 asks a 原因类别: 材料不全, the first one migration 0014 seeds (the bench's database is new).
            body: JSON.stringify(action === 'reject_dispatch' ? { comment: '性能测试', reasonCategoryId: 1 } : { comment: '性能测试' }),
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
 * The statements a transition runs, statement for statement as ours sends them (counted from the
 * server's SQL log, LOG_LEVEL=trace): before the transaction the login check; in it the
 * idempotency claim, the application, its contract and current files (the facts), the settings'
 * version, the state change (which moves the history head on), the history entry, the notification
 * and the stored reply. What ours adds on top of these is then the measure: the token check,
 * validation, the workflow, the facts' checks and presenting the reply.
 */
export async function transitionStatements(
  exec: (sql: string, params: unknown[]) => Promise<unknown[]>,
  id: number,
  userId: number,
): Promise<string> {
  const key = `raw-${randomUUID()}`;
  await exec(
    'INSERT INTO idempotency_keys (user_id, idem_key, method, path, request_hash, status_code, response_body, created_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)',
    [userId, key, 'POST', `/api/applications/${id}/actions/raw`, randomUUID().replace(/-/g, '').padEnd(64, '0'), new Date()],
  );
  const [row] = (await exec('SELECT * FROM applications WHERE id = ?', [id])) as { state: string; version: number; history_seq: number }[];
  await exec('SELECT * FROM contracts WHERE application_id IN (?)', [id]);
  await exec(
    'SELECT id, application_id, category, history_id, sha256, display_name FROM attachments WHERE application_id IN (?) AND superseded_by_id IS NULL',
    [id],
  );
  await exec('SELECT name, version FROM settings_versions', []);
  const next = row?.state === 'dispatching' ? 'returned' : 'dispatching';
  const hash = randomUUID().replace(/-/g, '').padEnd(64, '0');
  await exec(
    'UPDATE applications SET state = ?, version = version + 1, state_entered_at = ?, history_seq = ?, history_hash = ?, updated_at = ? WHERE id = ? AND version = ?',
    [next, new Date(), (row?.history_seq ?? 0) + 1, hash, new Date(), id, row?.version],
  );
  await exec(
    'INSERT INTO application_history (application_id, seq, action, action_label, from_state, to_state, actor_user_id, actor_role, actor_name, comment, attachment_ids, payload, step_started_at, duration_ms, clock, new_step, prev_hash, hash, at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, 0, ?, 1, NULL, ?, ?)',
    [
      id,
      (row?.history_seq ?? 0) + 1,
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
      hash,
      new Date(),
    ],
  );
  await exec(
    'INSERT INTO outbox (application_id, event, audience, payload, status, attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)',
    [id, 'returned', 'applicant', '{}', 'pending', new Date(), new Date(), new Date()],
  );
  await exec('UPDATE idempotency_keys SET status_code = ?, response_body = ? WHERE user_id = ? AND idem_key = ?', [
    200,
    JSON.stringify({ data: { id, state: next } }),
    userId,
    key,
  ]);
  return next;
}

/** The login check every request of ours makes before its transaction (the user and their roles). */
export const LOGIN_CHECK =
  'SELECT u.id, u.username, u.display_name, u.kind, u.applicant_kind, u.enabled, u.token_version, r.role FROM users u LEFT JOIN user_roles r ON r.user_id = u.id WHERE u.id = ? ORDER BY r.id';

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
    const [[first]] = (await pool.query('SELECT MIN(id) AS id FROM users')) as unknown as [{ id: number }[]];
    const userId = first?.id ?? 1;
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        let turn = 0;
        while (Date.now() < until) {
          const id = appIds[(c + turn * clients) % appIds.length] ?? 0;
          turn += 1;
          const started = performance.now();
          const conn = await pool.getConnection();
          try {
            await conn.query(LOGIN_CHECK, [userId]);
            await conn.beginTransaction();
            await transitionStatements(async (sql, params) => (await conn.query(sql, params))[0] as unknown[], id, userId);
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
    const [first] = (await exec('SELECT MIN(id) AS id FROM users', [])) as { id: number }[];
    const userId = first?.id ?? 1;
    while (Date.now() < until) {
      const id = appIds[ok % appIds.length] ?? 0;
      const started = performance.now();
      await exec(LOGIN_CHECK, [userId]);
      await exec('BEGIN IMMEDIATE', []);
      try {
        await transitionStatements(exec, id, userId);
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
