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
 * Runs one statement and resolves the rows a SELECT reads, or for an INSERT one row `{ insertId }`
 * (the id the driver reports, as ours learns a new row's id). `bound`: ours sends the values as
 * bind parameters (the models' writes); otherwise they are written into the statement's text.
 */
export type Exec = (sql: string, params: unknown[], bound: boolean) => Promise<unknown[]>;

const insertIdOf = (rows: unknown[]): number => (rows[0] as { insertId?: number } | undefined)?.insertId ?? 0;

/** A notification's payload about as long as what ours writes. */
export function notice(title: string, number: string, extra: Record<string, unknown>): Record<string, unknown> {
  return { title, text: `报装${number}（性能测试单位）已到「待派工」，请及时办理。`, number, ...extra, at: new Date().toISOString() };
}

/** 64 hex characters, as a SHA-256 in hex (the idempotency request hash, the history chain). */
export const randomHash = (): string => randomUUID().replace(/-/g, '').padEnd(64, '0');

/** A time as the SQLite dialect stores it ('2026-12-08 01:12:47.014 +00:00'). */
export const sqliteDateText = (at: Date): string => at.toISOString().replace('T', ' ').replace('Z', ' +00:00');

/** A time written into a statement's text, as the models write it on each database. */
function dateText(at: Date, dialect: Dialect): string {
  if (dialect === 'sqlite') {
    return `'${sqliteDateText(at)}'`;
  }
  // MariaDB's columns hold the connection's zone (+08:00) without an offset.
  return `'${new Date(at.getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').replace('Z', '')}'`;
}

export type Dialect = 'mysql' | 'sqlite';

/** An outbox row written with its values in the statement's text, as a bulk insert writes them. */
function outboxRow(
  dialect: Dialect,
  id: number,
  historyId: number,
  event: string,
  audience: string,
  recipient: number | null,
  payload: string,
): string {
  const at = dateText(new Date(), dialect);
  const text = (value: string) => `'${value.replace(/'/g, "''")}'`;
  return `(NULL,${id},${historyId},${text(event)},${text(audience)},${recipient ?? 'NULL'},${text(payload)},'pending',0,${at},${at},${at})`;
}

/**
 * The statements a transition runs, statement for statement as ours sends them (counted from the
 * server's SQL log, LOG_LEVEL=trace, for both actions the bench takes): before the transaction the
 * login check; in it the idempotency claim, the application, its contract and current files (the
 * facts), the settings' version, the state change (the twelve columns ours writes, which move the
 * history head on), the history entry, the notifications (a bulk insert with its values in the
 * text: one for 退回, the applicant's and the technical head's for 重新提交), on 重新提交 the name of
 * the step's assignee for the reply, and the stored reply. Writes are bound where ours binds them.
 * What ours adds on top of these is then the measure: the token check, validation, the workflow,
 * the facts' checks, the model layer and presenting the reply.
 */
export async function transitionStatements(exec: Exec, dialect: Dialect, id: number, userId: number): Promise<string> {
  const key = `raw-${randomUUID()}`;
  const claim = await exec(
    'INSERT INTO `idempotency_keys` (`id`, `user_id`, `idem_key`, `method`, `path`, `request_hash`, `status_code`, `response_body`, `created_at`) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?)',
    [userId, key, 'POST', `/api/applications/${id}/actions/raw`, randomHash(), null, null, new Date()],
    true,
  );
  // Locked on MariaDB, as ours locks it (on SQLite the write transaction is the lock).
  const lock = dialect === 'mysql' ? ' FOR UPDATE' : '';
  const [row] = (await exec(`SELECT * FROM applications WHERE id = ${id}${lock}`, [], false)) as {
    state: string;
    version: number;
    history_seq: number;
    number: string;
    utility_ms: number;
    customer_ms: number;
  }[];
  await exec(`SELECT * FROM contracts WHERE application_id IN (${id})`, [], false);
  await exec(
    `SELECT id, application_id, category, history_id, sha256, display_name FROM attachments WHERE application_id IN (${id}) AND superseded_by_id IS NULL`,
    [],
    false,
  );
  await exec('SELECT name, version FROM settings_versions', [], false);
  const rejecting = row?.state === 'dispatching';
  const next = rejecting ? 'returned' : 'dispatching';
  const now = new Date();
  const seq = (row?.history_seq ?? 0) + 1;
  const hash = randomHash();
  // 退回 ends a step on the utility's clock, 重新提交 one on the customer's.
  const clockColumn = rejecting ? 'utility_ms' : 'customer_ms';
  await exec(
    `UPDATE \`applications\` SET \`${clockColumn}\` = ?, \`state\` = ?, \`state_entered_at\` = ?, \`due_at\` = ?, \`current_role\` = ?, \`current_assignee_id\` = ?, \`completed_at\` = ?, \`contract_stage\` = ?, \`history_seq\` = ?, \`history_hash\` = ?, \`version\` = ?, \`updated_at\` = ? WHERE \`id\` = ? AND \`version\` = ?`,
    [
      (rejecting ? row?.utility_ms : row?.customer_ms) ?? 0,
      next,
      now,
      rejecting ? null : new Date(now.getTime() + 86_400_000),
      rejecting ? 'applicant' : 'tech_head',
      rejecting ? null : userId,
      null,
      null,
      seq,
      hash,
      (row?.version ?? 0) + 1,
      now,
      id,
      row?.version,
    ],
    true,
  );
  const reason = rejecting ? { id: 1, name: '材料不全' } : null;
  const history = await exec(
    'INSERT INTO `application_history` (`id`, `application_id`, `seq`, `action`, `action_label`, `from_state`, `to_state`, `actor_user_id`, `actor_role`, `actor_name`, `comment`, `attachment_ids`, `payload`, `step_started_at`, `duration_ms`, `clock`, `new_step`, `reason_category_id`, `prev_hash`, `hash`, `at`) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      id,
      seq,
      rejecting ? 'reject_dispatch' : 'resubmit',
      rejecting ? '不予派工' : '重新提交',
      row?.state,
      next,
      userId,
      rejecting ? 'tech_head' : 'window',
      'bench',
      '性能测试',
      '[]',
      JSON.stringify(reason ? { reason } : {}),
      now,
      1000,
      rejecting ? 'utility' : 'customer',
      1,
      reason?.id ?? null,
      randomHash(),
      hash,
      now,
    ],
    true,
  );
  const number = row?.number ?? '';
  const rows = [
    outboxRow(
      dialect,
      id,
      insertIdOf(history),
      rejecting ? 'returned' : 'submitted',
      'applicant',
      null,
      JSON.stringify(notice('申请', number, { stateLabel: next })),
    ),
  ];
  if (!rejecting) {
    rows.push(
      outboxRow(
        dialect,
        id,
        insertIdOf(history),
        'new_work',
        'staff',
        userId,
        JSON.stringify(notice('新的待办', number, { role: 'tech_head', stateLabel: '待派工' })),
      ),
    );
  }
  await exec(
    `INSERT INTO \`outbox\` (\`id\`, \`application_id\`, \`history_id\`, \`event\`, \`audience\`, \`recipient_user_id\`, \`payload\`, \`status\`, \`attempts\`, \`next_attempt_at\`, \`created_at\`, \`updated_at\`) VALUES ${rows.join(',')}`,
    [],
    false,
  );
  if (!rejecting) {
    await exec(`SELECT id, display_name AS displayName FROM users WHERE id IN (${userId})`, [], false);
  }
  await exec(
    'UPDATE `idempotency_keys` SET `status_code` = ?, `response_body` = ? WHERE `id` = ?',
    [200, JSON.stringify({ data: { id, state: next } }), insertIdOf(claim)],
    true,
  );
  return next;
}

/**
 * The statements ours sends for a staff member's read of one application's detail (P2; SQL log of
 * one read by a reviewer): the login check, the application, then together its contract, its
 * current files, the settings' versions and the three history columns the step map needs. Each
 * with the values it takes for application `id` (an IN list takes an array).
 */
export const DETAIL_READ = {
  application: 'SELECT * FROM applications WHERE id = ?',
  together: [
    'SELECT * FROM contracts WHERE application_id IN (?)',
    'SELECT id, application_id, category, history_id, sha256, display_name FROM attachments WHERE application_id IN (?) AND superseded_by_id IS NULL',
    'SELECT name, version FROM settings_versions',
    'SELECT from_state, new_step, duration_ms FROM application_history WHERE application_id = ? ORDER BY seq ASC',
  ],
  values: (sql: string, id: number): unknown[] => (sql.includes('IN (?)') ? [[id]] : sql.includes('?') ? [id] : []),
};

/** The login check every request of ours makes before its transaction (the user and their roles). */
export const LOGIN_CHECK =
  'SELECT u.id, u.username, u.display_name, u.kind, u.applicant_kind, u.enabled, u.token_version, r.role FROM users u LEFT JOIN user_roles r ON r.user_id = u.id WHERE u.id = ? ORDER BY r.id';

/** Counts a raw transition that failed, saying why the first time (a baseline that fails measures nothing). */
let failures = 0;
function failedOnce(error: unknown): number {
  if (failures++ === 0) {
    console.error(`  raw transition failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return 1;
}

/**
 * The same statements a transition writes, sent raw, no HTTP: through mysql2 with `clients`
 * connections, through better-sqlite3 (the server's SQLite driver) one transition after another.
 */
export async function rawTransitions(databaseUrl: string, appIds: number[], clients: number, seconds: number): Promise<Throughput> {
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
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
            await transitionStatements(
              async (sql, params, bound) => {
                // Bound values go as a prepared statement, as Sequelize sends them through mysql2.
                const [result] = bound
                  ? await conn.execute(sql, params as (string | number | Date | null)[])
                  : await conn.query(sql, params);
                return Array.isArray(result) ? (result as unknown[]) : [{ insertId: (result as { insertId?: number }).insertId }];
              },
              'mysql',
              id,
              userId,
            );
            await conn.commit();
            ok += 1;
          } catch (error) {
            errors += failedOnce(error);
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
    const exec = (sql: string, params: unknown[]): Promise<unknown[]> => {
      const statement = db.prepare(sql);
      const values = params.map((p) => (p instanceof Date ? sqliteDateText(p) : p));
      return Promise.resolve(
        statement.reader ? (statement.all(...values) as unknown[]) : [{ insertId: Number(statement.run(...values).lastInsertRowid) }],
      );
    };
    const [first] = (await exec('SELECT MIN(id) AS id FROM users', [])) as { id: number }[];
    const userId = first?.id ?? 1;
    while (Date.now() < until) {
      const id = appIds[ok % appIds.length] ?? 0;
      const started = performance.now();
      await exec(LOGIN_CHECK, [userId]);
      await exec('BEGIN IMMEDIATE', []);
      try {
        await transitionStatements(exec, 'sqlite', id, userId);
        await exec('COMMIT', []);
        ok += 1;
      } catch (error) {
        errors += failedOnce(error);
        await exec('ROLLBACK', []);
      }
      latencies.push(performance.now() - started);
    }
    db.close();
  }
  return { perSecond: ok / seconds, p99: percentile(latencies, 99), ok, conflicts: 0, errors };
}
