import type { Pool } from 'mysql2/promise';

// Quoted: current_role is a reserved word in MariaDB.
const COLUMNS = [
  'number',
  'flow',
  'channel',
  'name',
  'contact_phone',
  'address',
  'water_address',
  'water_type',
  'building_area',
  'state',
  'workflow_version',
  'version',
  'state_entered_at',
  'due_at',
  'current_role',
  'created_at',
  'updated_at',
];

const STATES = [
  'submitted',
  'dispatching',
  'surveying',
  'designing',
  'confirming',
  'contract_review',
  'payment',
  'construction',
  'acceptance',
  'completed',
  'completed',
  'completed',
  'withdrawn',
];
const UTILITY = new Set(['submitted', 'dispatching', 'surveying', 'designing', 'contract_review', 'construction', 'acceptance']);
const NAMES = ['珠江', '天河', '白云', '越秀', '海珠', '番禺', '花都', '南沙', '黄埔', '从化'];
const KINDS = ['置业有限公司', '酒店', '百货', '物业管理处', '学校', '医院', '工业园', '商业广场'];

/**
 * Fills `applications` with `count` realistic rows (states, kinds, dates over three years, due
 * times for steps on the utility's clock) by multi-row INSERTs — the volume of a large city's
 * archive, for the list benchmark.
 */
export async function fillApplications(pool: Pool, count: number, onProgress?: (done: number) => void): Promise<void> {
  const now = Date.now();
  const batch = 2000;
  for (let start = 0; start < count; start += batch) {
    const rows: unknown[][] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const created = new Date(now - Math.floor((((i * 7919) % 1000) / 1000) * 3 * 365 * 86400_000) - (i % 86400) * 1000);
      const state = STATES[i % STATES.length] ?? 'submitted';
      const entered = new Date(Math.min(now, created.getTime() + ((i * 31) % 200) * 3600_000));
      const resident = i % 4 === 0;
      rows.push([
        `BK${String(i).padStart(10, '0')}`,
        resident ? 'resident' : 'enterprise',
        i % 3 === 0 ? 'online' : 'window',
        resident ? `居民${i % 9973}` : `${NAMES[i % NAMES.length]}${KINDS[(i >> 3) % KINDS.length]}${i % 997}`,
        `1${3 + (i % 7)}${String(i % 100_000_000).padStart(9, '0')}`,
        '广州市天河区',
        `广州市天河区某路${i % 500}号`,
        resident ? 'permanent' : ['construction', 'permanent', 'capacity'][i % 3],
        100 + (i % 50_000),
        state,
        1,
        0,
        entered,
        UTILITY.has(state) ? new Date(entered.getTime() + 72 * 3600_000) : null,
        state === 'completed' || state === 'withdrawn' ? null : 'tech_head',
        created,
        created,
      ]);
    }
    await pool.query(`INSERT INTO applications (${COLUMNS.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, [rows]);
    onProgress?.(Math.min(count, start + batch));
  }
}
