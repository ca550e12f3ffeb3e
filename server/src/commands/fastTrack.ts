import type { Transaction } from 'sequelize';
import {
  describeConditions,
  fastTrackConditionsSchema,
  matchFastTrackRule,
  type FastTrackConditions,
  type FastTrackFacts,
  type FastTrackRuleInput,
  type FastTrackRuleView,
} from '@wc/shared';
import type { AuthUser } from '../context';
import { cachedSetting } from '../db/settingsCache';
import { NotFoundError, fieldError } from '../errors';
import { FastTrackRule } from '../models';
import { recordAudit } from './audit';

/** A rule as the creator reads it. */
export interface FastTrackRuleRow {
  id: number;
  name: string;
  enabled: boolean;
  position: number;
  conditions: FastTrackConditions;
}

/**
 * 快速通道规则 in their order: a few rows every new application reads, kept in the process under
 * the setting's version (db/settingsCache.ts). Frozen: shared. A stored rule whose conditions no
 * longer parse (a hand edit) is left out rather than matching everything.
 */
export function fastTrackRules(t?: Transaction): Promise<readonly FastTrackRuleRow[]> {
  return cachedSetting('fast_track_rules', '', t, async () => {
    const rows = await FastTrackRule.findAll({
      order: [
        ['position', 'ASC'],
        ['id', 'ASC'],
      ],
      transaction: t,
    });
    return Object.freeze(
      rows.flatMap((r) => {
        const parsed = fastTrackConditionsSchema.safeParse(r.conditions);
        return parsed.success
          ? [Object.freeze({ id: r.id, name: r.name, enabled: r.enabled, position: r.position, conditions: parsed.data })]
          : [];
      }),
    );
  });
}

/** The rule that sends a new application with `facts` down the fast route, or null (standard route). */
export async function chooseFastTrackRule(facts: FastTrackFacts, t: Transaction): Promise<FastTrackRuleRow | null> {
  return matchFastTrackRule(await fastTrackRules(t), facts);
}

function view(r: FastTrackRule): FastTrackRuleView {
  const parsed = fastTrackConditionsSchema.safeParse(r.conditions);
  const conditions = parsed.success ? parsed.data : { kinds: [], waterTypes: [], maxCaliber: null, noExternalWorks: false, channels: [] };
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    position: r.position,
    conditions,
    summary: parsed.success ? describeConditions(conditions) : '条件无效（不会匹配）',
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The settings page: every rule in order. */
export async function fastTrackRuleViews(t?: Transaction): Promise<FastTrackRuleView[]> {
  const rows = await FastTrackRule.findAll({
    order: [
      ['position', 'ASC'],
      ['id', 'ASC'],
    ],
    transaction: t,
  });
  return rows.map(view);
}

async function nameTaken(name: string, exceptId: number | null, t: Transaction): Promise<void> {
  const other = await FastTrackRule.findOne({ where: { name }, transaction: t });
  if (other && other.id !== exceptId) {
    throw fieldError('name', `已有规则「${name}」`);
  }
}

function describe(input: FastTrackRuleInput): string {
  return `「${input.name}」：${describeConditions(input.conditions)}，${input.enabled ? '启用' : '停用'}`;
}

async function audit(actor: AuthUser, id: number | undefined, summary: string, data: Record<string, unknown>, t: Transaction, ip?: string) {
  await recordAudit(
    { actorUserId: actor.id, action: 'settings.fast_track', targetType: 'fast_track_rule', targetId: id, data: { ...data, summary }, ip },
    t,
  );
}

/** Adds a rule at the end of the order (audited). */
export async function createFastTrackRule(actor: AuthUser, input: FastTrackRuleInput, t: Transaction, ip?: string): Promise<number> {
  await nameTaken(input.name, null, t);
  const last = (await FastTrackRule.max<number, FastTrackRule>('position', { transaction: t })) ?? 0;
  const row = await FastTrackRule.create({ ...input, position: Number(last) + 1 }, { transaction: t });
  await audit(actor, row.id, `新增 ${describe(input)}`, { ...input }, t, ip);
  return row.id;
}

/**
 * Changes, enables or disables a rule (audited). Applications already made keep the route (the flow
 * version) they started on: a rule only decides at creation.
 */
export async function updateFastTrackRule(
  actor: AuthUser,
  id: number,
  input: FastTrackRuleInput,
  t: Transaction,
  ip?: string,
): Promise<void> {
  const row = await FastTrackRule.findByPk(id, { transaction: t });
  if (!row) {
    throw new NotFoundError('未找到该快速通道规则');
  }
  await nameTaken(input.name, id, t);
  const before = row.name;
  await row.update({ ...input }, { transaction: t });
  const renamed = before !== input.name ? `（原名「${before}」）` : '';
  await audit(actor, id, `修改为 ${describe(input)}${renamed}`, { ...input, previousName: before }, t, ip);
}

/** Deletes a rule; applications it chose keep its id and name in their history. */
export async function deleteFastTrackRule(actor: AuthUser, id: number, t: Transaction, ip?: string): Promise<void> {
  const row = await FastTrackRule.findByPk(id, { transaction: t });
  if (!row) {
    throw new NotFoundError('未找到该快速通道规则');
  }
  await row.destroy({ transaction: t });
  await audit(actor, id, `删除「${row.name}」`, { name: row.name, removed: true }, t, ip);
}

/** Puts the rules in the given order (the first matching enabled one wins); the ids must be exactly the stored ones. */
export async function reorderFastTrackRules(actor: AuthUser, ids: number[], t: Transaction, ip?: string): Promise<void> {
  const rows = await FastTrackRule.findAll({ transaction: t });
  const stored = new Set(rows.map((r) => r.id));
  if (ids.length !== stored.size || new Set(ids).size !== ids.length || ids.some((id) => !stored.has(id))) {
    throw fieldError('ids', '快速通道规则已被他人修改，请刷新后重试');
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const [index, id] of ids.entries()) {
    const row = byId.get(id)!;
    if (row.position !== index + 1) {
      await row.update({ position: index + 1 }, { transaction: t });
    }
  }
  await audit(actor, undefined, `调整顺序：${ids.map((id) => byId.get(id)!.name).join('、')}`, { ids }, t, ip);
}
