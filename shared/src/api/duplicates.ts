import { z } from 'zod';
import type { StateKey } from '../workflow/types';

/** Why another application looks like the same request. */
export type DuplicateMatch = 'creditCode' | 'waterAddress';

export const DUPLICATE_MATCH_LABELS: Record<DuplicateMatch, string> = {
  creditCode: '社会信用代码相同',
  waterAddress: '申请用水地址相同',
};

/**
 * An application still in progress with the same credit code or the same water address: shown as a
 * warning where one is typed in or reviewed, never a refusal (a developer may rightly run two
 * connections for one site, and a utility may take a second one while the first is settled).
 */
export interface DuplicateApplicationView {
  id: number;
  number: string;
  name: string;
  state: StateKey;
  stateLabel: string;
  createdAt: string;
  matched: DuplicateMatch[];
}

/** The warning's sentence, naming each match. */
export function duplicateWarning(list: readonly DuplicateApplicationView[]): string {
  const each = list.map((d) => `${d.number}（${d.name}，${d.stateLabel}，${d.matched.map((m) => DUPLICATE_MATCH_LABELS[m]).join('、')}）`);
  return `已有 ${list.length} 个办理中的报装可能与此重复：${each.join('；')}`;
}

/** GET /api/applications/duplicates — the window form asks while the clerk types. */
export const duplicateQuerySchema = z
  .object({
    creditCode: z.string().trim().max(18).optional(),
    waterAddress: z.string().trim().max(200).optional(),
  })
  .strict();

export type DuplicateQuery = z.output<typeof duplicateQuerySchema>;
