import { Op, fn, col, type Transaction } from 'sequelize';
import {
  REASON_ACTION_OPTIONS,
  reasonActionLabel,
  reasonApplies,
  type ActionKey,
  type ApplicationView,
  type AvailableAction,
  type ReasonCategoryInput,
  type ReasonCategoryView,
  type ReasonOption,
  type ReasonSettingsView,
  type RecordedReason,
} from '@wc/shared';
import type { AuthUser } from '../context';
import { cachedSetting } from '../db/settingsCache';
import { AppError, NotFoundError, fieldError } from '../errors';
import { HistoryEntry, ReasonCategory } from '../models';
import { recordAudit } from './audit';

/** A category as every action and form reads it. */
export interface ReasonCategoryRow {
  id: number;
  label: string;
  actions: readonly ActionKey[] | null;
  enabled: boolean;
  sortOrder: number;
}

/**
 * 原因类别, in their order: a few rows that every application's presentation reads (the forms offer
 * them), kept in the process under the setting's version (db/settingsCache.ts). Frozen: shared.
 */
export function reasonCategories(t?: Transaction): Promise<readonly ReasonCategoryRow[]> {
  return cachedSetting('reason_categories', '', t, async () => {
    const rows = await ReasonCategory.findAll({
      order: [
        ['sortOrder', 'ASC'],
        ['id', 'ASC'],
      ],
      transaction: t,
    });
    return Object.freeze(
      rows.map((r) =>
        Object.freeze({
          id: r.id,
          label: r.label,
          actions: r.actions ? Object.freeze([...r.actions]) : null,
          enabled: r.enabled,
          sortOrder: r.sortOrder,
        }),
      ),
    );
  });
}

/** What the form of `action` offers: the enabled categories that apply to it. */
export function reasonOptions(categories: readonly ReasonCategoryRow[], action: string): ReasonOption[] {
  return categories.filter((c) => c.enabled && reasonApplies(c.actions, action)).map((c) => ({ id: c.id, label: c.label }));
}

/** The category a reason action names, as its history entry records it; refused unless offered for the action. */
export function chosenReason(categories: readonly ReasonCategoryRow[], action: ActionKey, id: number | undefined): RecordedReason {
  const category = categories.find((c) => c.id === id);
  if (id === undefined || !category) {
    throw fieldError('reasonCategoryId', '请选择原因类别');
  }
  if (!category.enabled) {
    throw fieldError('reasonCategoryId', `原因类别「${category.label}」已停用，请重新选择`);
  }
  if (!reasonApplies(category.actions, action)) {
    throw fieldError('reasonCategoryId', `原因类别「${category.label}」不适用于「${reasonActionLabel(action)}」`);
  }
  return { id: category.id, label: category.label };
}

/** The settings page: every category with how often it was chosen. */
export async function reasonSettingsView(t?: Transaction): Promise<ReasonSettingsView> {
  const [rows, used] = await Promise.all([
    ReasonCategory.findAll({
      order: [
        ['sortOrder', 'ASC'],
        ['id', 'ASC'],
      ],
      transaction: t,
    }),
    HistoryEntry.findAll({
      attributes: ['reasonCategoryId', [fn('COUNT', col('id')), 'count']],
      where: { reasonCategoryId: { [Op.ne]: null } },
      group: ['reasonCategoryId'],
      raw: true,
      transaction: t,
    }) as unknown as Promise<{ reasonCategoryId: number; count: number | string }[]>,
  ]);
  const usedById = new Map(used.map((u) => [Number(u.reasonCategoryId), Number(u.count)]));
  const categories = rows.map((r): ReasonCategoryView => ({
    id: r.id,
    label: r.label,
    actions: r.actions,
    actionsText: r.actions ? r.actions.map((a) => reasonActionLabel(a)).join('、') : '全部',
    enabled: r.enabled,
    sortOrder: r.sortOrder,
    usedCount: usedById.get(r.id) ?? 0,
  }));
  return { categories, actions: REASON_ACTION_OPTIONS };
}

async function labelTaken(label: string, exceptId: number | null, t: Transaction): Promise<void> {
  const other = await ReasonCategory.findOne({ where: { label }, transaction: t });
  if (other && other.id !== exceptId) {
    throw fieldError('label', `已有原因类别「${label}」`);
  }
}

function describe(input: ReasonCategoryInput): string {
  const actions = input.actions ? input.actions.map((a) => reasonActionLabel(a)).join('、') : '全部';
  return `「${input.label}」，适用：${actions}，${input.enabled ? '启用' : '停用'}`;
}

async function audit(actor: AuthUser, id: number | undefined, summary: string, data: Record<string, unknown>, t: Transaction, ip?: string) {
  await recordAudit(
    { actorUserId: actor.id, action: 'settings.reasons', targetType: 'reason_category', targetId: id, data: { ...data, summary }, ip },
    t,
  );
}

/** Adds a category at the end of the list (audited). */
export async function createReasonCategory(actor: AuthUser, input: ReasonCategoryInput, t: Transaction, ip?: string): Promise<void> {
  await labelTaken(input.label, null, t);
  const last = (await ReasonCategory.max<number, ReasonCategory>('sortOrder', { transaction: t })) ?? 0;
  const row = await ReasonCategory.create({ ...input, sortOrder: Number(last) + 1, updatedAt: new Date() }, { transaction: t });
  await audit(actor, row.id, `新增 ${describe(input)}`, { ...input }, t, ip);
}

/** Renames, re-scopes, disables or enables one (audited). Chosen ones keep their recorded label in the history. */
export async function updateReasonCategory(
  actor: AuthUser,
  id: number,
  input: ReasonCategoryInput,
  t: Transaction,
  ip?: string,
): Promise<void> {
  const row = await ReasonCategory.findByPk(id, { transaction: t });
  if (!row) {
    throw new NotFoundError('未找到该原因类别');
  }
  await labelTaken(input.label, id, t);
  const before = row.label;
  await row.update({ ...input, updatedAt: new Date() }, { transaction: t });
  const renamed = before !== input.label ? `（原名「${before}」）` : '';
  await audit(actor, id, `修改为 ${describe(input)}${renamed}`, { ...input, previousLabel: before }, t, ip);
}

/** Deletes a category no history entry chose; one in use can only be disabled (its counts stay meaningful). */
export async function deleteReasonCategory(actor: AuthUser, id: number, t: Transaction, ip?: string): Promise<void> {
  const row = await ReasonCategory.findByPk(id, { transaction: t });
  if (!row) {
    throw new NotFoundError('未找到该原因类别');
  }
  if ((await HistoryEntry.count({ where: { reasonCategoryId: id }, transaction: t })) > 0) {
    throw new AppError('CONFLICT', `原因类别「${row.label}」已被使用，不能删除，可以停用`);
  }
  await row.destroy({ transaction: t });
  await audit(actor, id, `删除「${row.label}」`, { label: row.label, removed: true }, t, ip);
}

/** Puts the categories in the given order; the ids must be exactly the stored ones. */
export async function reorderReasonCategories(actor: AuthUser, ids: number[], t: Transaction, ip?: string): Promise<void> {
  const rows = await ReasonCategory.findAll({ transaction: t });
  const stored = new Set(rows.map((r) => r.id));
  if (ids.length !== stored.size || new Set(ids).size !== ids.length || ids.some((id) => !stored.has(id))) {
    throw fieldError('ids', '原因类别已被他人修改，请刷新后重试');
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const now = new Date();
  for (const [index, id] of ids.entries()) {
    const row = byId.get(id)!;
    if (row.sortOrder !== index + 1) {
      await row.update({ sortOrder: index + 1, updatedAt: now }, { transaction: t });
    }
  }
  const labels = ids.map((id) => byId.get(id)!.label);
  await audit(actor, undefined, `调整顺序：${labels.join('、')}`, { ids }, t, ip);
}

/** The actions as presented, the reason actions with the categories their forms offer. */
export function withReasonOptions(actions: AvailableAction[], categories: readonly ReasonCategoryRow[]): AvailableAction[] {
  return actions.map((a) => (a.asksReason ? { ...a, reasonCategories: reasonOptions(categories, a.key) } : a));
}

/** Presented applications with the categories their reason actions offer. */
export function offerReasons(views: ApplicationView[], categories: readonly ReasonCategoryRow[]): ApplicationView[] {
  if (!views.some((v) => v.availableActions.some((a) => a.asksReason))) {
    return views;
  }
  return views.map((v) => ({ ...v, availableActions: withReasonOptions(v.availableActions, categories) }));
}
