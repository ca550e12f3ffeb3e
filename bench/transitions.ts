import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import sqlite3 from 'sqlite3';
import { percentile } from './lib';

export interface Throughput {
  perSecond: number;
  p99: number;
  ok: number;
  conflicts: number;
  errors: number;
}

interface Client {
  post(path: string, token: string): Promise<{ status: number; state?: string }>;
  get(path: string, token: string): Promise<string | undefined>;
}

export function httpClient(url: string): Client {
  return {
    async post(path, token) {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ comment: '性能测试' }),
      });
      const body = (await res.json()) as { data?: { state: string } };
      return { status: res.status, state: body.data?.state };
    },
    async get(path, token) {
      const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return ((await res.json()) as { data?: { state: string } }).data?.state;
    },
  };
}

/**
 * Clients cycling applications between 待派工 and 已退回 (the technical head rejects the dispatch,
 * the window clerk resubmits): every step is a full transition — state, history, outbox. Each
 * client works on `apps[client % apps.length]`… so with as many applications as clients there are
 * no conflicts (P3) and with few applications for many clients there are many (P4).
 */
export async function cycleTransitions(
  url: string,
  tokens: { techHead: string; clerk: string },
  appIds: number[],
  clients: number,
  seconds: number,
  // Where each application stands, kept across rounds (a round ends wherever it ends).
  states = new Map<number, string>(),
): Promise<Throughput> {
  const http = httpClient(url);
  const latencies: number[] = [];
  let ok = 0;
  let conflicts = 0;
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      let turn = 0;
      while (Date.now() < until) {
        const id = appIds[(c + turn * clients) % appIds.length] ?? appIds[0] ?? 0;
        turn += 1;
        const state = states.get(id) ?? 'dispatching';
        const action = state === 'dispatching' ? 'reject_dispatch' : 'resubmit';
        const started = performance.now();
        try {
          const res = await http.post(
            `/api/applications/${id}/actions/${action}`,
            action === 'reject_dispatch' ? tokens.techHead : tokens.clerk,
          );
          latencies.push(performance.now() - started);
          if (res.status === 200 && res.state) {
            ok += 1;
            states.set(id, res.state);
          } else if (res.status === 409) {
            conflicts += 1;
            if (process.env.BENCH_DEBUG) {
              console.error(`  ${action} #${id} → 409 (expected ${state})`);
            }
            states.set(id, (await http.get(`/api/applications/${id}`, tokens.clerk)) ?? state);
          } else {
            errors += 1;
            if (process.env.BENCH_DEBUG) {
              console.error(`  ${action} #${id} → ${res.status}`);
            }
          }
        } catch (error) {
          errors += 1;
          if (process.env.BENCH_DEBUG) {
            console.error(`  ${action} #${id} → ${String(error)}`);
          }
        }
      }
    }),
  );
  return { perSecond: ok / seconds, p99: percentile(latencies, 99), ok, conflicts, errors };
}

/** The same statements a transition writes, sent raw (mysql2 / sqlite3), same concurrency, no HTTP. */
export async function rawTransitions(databaseUrl: string, appIds: number[], clients: number, seconds: number): Promise<Throughput> {
  const statements = async (exec: (sql: string, params: unknown[]) => Promise<unknown[]>, id: number) => {
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
  };
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
            await statements(async (sql, params) => (await conn.query(sql, params))[0] as unknown[], id);
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
    // SQLite takes one writer at a time: the raw baseline serializes like our write queue does.
    const db = new sqlite3.Database(databaseUrl.replace(/^sqlite:/, ''));
    db.configure('busyTimeout', 10_000);
    const exec = (sql: string, params: unknown[]) =>
      new Promise<unknown[]>((resolve, reject) =>
        db.all(
          sql,
          params.map((p) => (p instanceof Date ? p.toISOString().replace('T', ' ').replace('Z', ' +00:00') : p)),
          (err, rows) => (err ? reject(err) : resolve(rows)),
        ),
      );
    let tail: Promise<unknown> = Promise.resolve();
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        let turn = 0;
        while (Date.now() < until) {
          const id = appIds[(c + turn * clients) % appIds.length] ?? 0;
          turn += 1;
          const started = performance.now();
          const run = tail.then(async () => {
            await exec('BEGIN IMMEDIATE', []);
            try {
              await statements(exec, id);
              await exec('COMMIT', []);
              ok += 1;
            } catch {
              await exec('ROLLBACK', []);
            }
          });
          tail = run.catch(() => undefined);
          await run;
          latencies.push(performance.now() - started);
        }
      }),
    );
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
  return { perSecond: ok / seconds, p99: percentile(latencies, 99), ok, conflicts: 0, errors: 0 };
}
