import { randomUUID } from 'node:crypto';
import type { Model, ModelStatic, Sequelize, Transaction } from 'sequelize';
import { SettingsVersion } from '../models/SettingsVersion';

/**
 * The settings every action reads — 步骤设置, 工作日历, 申请材料设置, 单位信息 — kept in the process
 * and checked with one small read: each has a row in `settings_versions` whose `version` any write
 * to the setting replaces with a new random value, in the writing transaction (model hooks, so no
 * writer can forget). A process serves its copy only while the stored version is the one it read
 * the copy under, so a change saved by any process counts in every other on its next request.
 *
 * Random values, not a counter: a transaction that changed a setting and then rolled back may have
 * cached what it saw under its new version; that value is never stored, so it never matches again.
 * A missing row (a database emptied by hand) means: do not cache, read every time.
 *
 * Cached values are shared by every request: callers must treat them as read-only.
 */
export type CachedSetting =
  'step_settings' | 'work_calendar' | 'material_settings' | 'utility_profile' | 'reason_categories' | 'fast_track_rules';

interface Entry {
  version: string;
  value: Promise<unknown>;
}

const caches = new WeakMap<Sequelize, Map<string, Entry>>();
/** The versions one transaction has read (and written): read once per transaction. */
const seenIn = new WeakMap<Transaction, Promise<Map<string, string>>>();

async function readVersions(t?: Transaction): Promise<Map<string, string>> {
  const rows = await SettingsVersion.findAll({ attributes: ['name', 'version'], transaction: t, raw: true });
  return new Map(rows.map((r) => [r.name, r.version]));
}

/** The read the callers outside a transaction in this turn of the event loop will share (`versions`). */
let nextRead: Promise<Map<string, string>> | null = null;

/**
 * Outside a transaction (the reads of a GET), every caller in one turn of the event loop shares one
 * read, sent after the last of them asked: a detail page asks for four settings at once, and under
 * load many requests ask together. Each caller still sees what was committed before it asked, as
 * its own read would have shown it; a caller after the read was sent waits for the next one.
 */
function sharedRead(): Promise<Map<string, string>> {
  nextRead ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
    nextRead = null;
    return readVersions();
  });
  return nextRead;
}

function versions(t?: Transaction): Promise<Map<string, string>> {
  if (!t) {
    return sharedRead();
  }
  let seen = seenIn.get(t);
  if (!seen) {
    seen = readVersions(t);
    seenIn.set(t, seen);
  }
  return seen;
}

/**
 * `load()`'s value for `name` (and `key`, for a setting read in parts, e.g. per flow), from the
 * process's copy while the setting's stored version is unchanged.
 */
export async function cachedSetting<T>(name: CachedSetting, key: string, t: Transaction | undefined, load: () => Promise<T>): Promise<T> {
  const version = (await versions(t)).get(name);
  if (version === undefined) {
    return load();
  }
  const sequelize = SettingsVersion.sequelize as Sequelize;
  let cache = caches.get(sequelize);
  if (!cache) {
    cache = new Map();
    caches.set(sequelize, cache);
  }
  const id = `${name}:${key}`;
  const hit = cache.get(id);
  if (hit?.version === version) {
    return hit.value as Promise<T>;
  }
  const value = load();
  const entry = { version, value };
  cache.set(id, entry);
  // A failed read is not kept: the next request tries again.
  value.catch(() => {
    if (cache.get(id) === entry) {
      cache.delete(id);
    }
  });
  return value;
}

/** Gives `name` a new version in `t` (and in what `t` has already read). */
async function bump(name: CachedSetting, t: Transaction | null | undefined): Promise<void> {
  const version = randomUUID();
  await SettingsVersion.update({ version }, { where: { name }, transaction: t ?? undefined });
  const seen = t ? seenIn.get(t) : undefined;
  if (seen) {
    (await seen).set(name, version);
  }
}

const watched = new WeakSet<ModelStatic<Model>>();

/** Every write through `model` (one row or many, create, update, delete, upsert) changes `name`'s version. */
export function watchSetting(model: ModelStatic<Model>, name: CachedSetting): void {
  if (watched.has(model)) {
    return;
  }
  watched.add(model);
  type Options = { transaction?: Transaction | null };
  const after = (_: unknown, options?: Options) => bump(name, options?.transaction);
  model.addHook('afterSave', after);
  model.addHook('afterDestroy', after);
  model.addHook('afterBulkCreate', after);
  model.addHook('afterUpsert', after);
  model.addHook('afterBulkUpdate', (options: Options) => bump(name, options.transaction));
  model.addHook('afterBulkDestroy', (options: Options) => bump(name, options.transaction));
}
