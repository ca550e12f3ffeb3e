import { z } from 'zod';
import { requiredText } from './schemas/common';
import { ACTIONS, behaviourOf, type ActionKey } from './workflow/catalogue';
import { STATES } from './workflow/states';
import { WORKFLOWS } from './workflow';

/**
 * 原因类别: the list the administrator keeps of why work is returned, refused or rejected. The
 * actions that ask one are the catalogue's `reason` actions; a category applies to all of them or
 * to the ones it names.
 */
export const REASON_ACTIONS = (Object.keys(ACTIONS) as ActionKey[]).filter((key) => behaviourOf(key).reason === true);

/** An action's label with the steps it is taken at (「不通过」 alone does not say where). */
export function reasonActionLabel(key: ActionKey): string {
  const steps = new Set<string>();
  for (const versions of Object.values(WORKFLOWS)) {
    for (const flow of Object.values(versions)) {
      for (const action of flow.actions) {
        if (action.key === key) {
          action.from.forEach((s) => steps.add(STATES[s].label));
        }
      }
    }
  }
  const label = behaviourOf(key).label;
  return steps.size ? `${label}（${[...steps].join('、')}）` : label;
}

/** The reason actions as the settings page lists them. */
export const REASON_ACTION_OPTIONS: { key: ActionKey; label: string }[] = REASON_ACTIONS.map((key) => ({
  key,
  label: reasonActionLabel(key),
}));

/** One category as an action's form offers it. */
export interface ReasonOption {
  id: number;
  label: string;
}

/** What a history entry records of the reason chosen. */
export interface RecordedReason {
  id: number;
  label: string;
}

/** Whether a category offered for `actions` (null: every reason action) applies to `action`. */
export function reasonApplies(actions: readonly string[] | null, action: string): boolean {
  return actions === null || actions.includes(action);
}

/** 系统管理 → 原因类别: one category as added or changed. */
export const reasonCategoryInputSchema = z
  .object({
    label: requiredText('原因类别名称', 30),
    /** null: every action that asks a reason. */
    actions: z
      .array(z.enum(REASON_ACTIONS as [ActionKey, ...ActionKey[]], { error: '操作不正确' }), { error: '请选择适用的操作' })
      .min(1, { error: '请至少选择一个适用的操作' })
      .nullable(),
    enabled: z.boolean({ error: '请选择是否启用' }),
  })
  .strict();

export type ReasonCategoryInput = z.output<typeof reasonCategoryInputSchema>;

/** The new order of every category (their ids, first shown first). */
export const reasonOrderSchema = z
  .object({ ids: z.array(z.number().int().positive(), { error: '排序不正确' }).min(1, { error: '排序不正确' }) })
  .strict();

/** One category on the settings page. */
export interface ReasonCategoryView {
  id: number;
  label: string;
  actions: ActionKey[] | null;
  /** 「全部」 or the actions' labels. */
  actionsText: string;
  enabled: boolean;
  sortOrder: number;
  /** How many history entries chose it: a category in use can be disabled, not deleted. */
  usedCount: number;
}

export interface ReasonSettingsView {
  categories: ReasonCategoryView[];
  actions: { key: ActionKey; label: string }[];
}

/** 原因统计: how often each category was chosen, per action, in the dashboard's window. */
export interface ReasonCountView {
  action: string;
  actionLabel: string;
  categoryId: number | null;
  label: string;
  count: number;
}

export interface ReasonStatsView {
  from: string;
  to: string;
  total: number;
  rows: ReasonCountView[];
}

/** Median and P90 of finished visits on the utility's clock, in hours. */
export interface WaitFigures {
  count: number;
  p50Hours: number;
  p90Hours: number;
}

export interface SlowStepView extends WaitFigures {
  state: string;
  label: string;
}

export interface SlowPersonView extends WaitFigures {
  userId: number;
  name: string;
}

export interface SlowTeamView extends WaitFigures {
  role: string;
  roleLabel: string;
}

/** 等待最久: per step, per person who ended the step, per team (岗位), slowest first. */
export interface SlowStepsView {
  from: string;
  to: string;
  steps: SlowStepView[];
  people: SlowPersonView[];
  teams: SlowTeamView[];
}
