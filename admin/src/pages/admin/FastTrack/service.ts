import type { FastTrackRuleInput, FastTrackRuleView } from '@wc/shared';
import { request } from '../../../request';

const BASE = '/settings/fast-track-rules';

/** GET /api/settings/fast-track-rules — the rules, in the order they are tried. */
export function fetchFastTrackRules(signal?: AbortSignal) {
  return request<FastTrackRuleView[]>(BASE, { signal });
}

/** POST /api/settings/fast-track-rules — add a rule, tried last (administrators; audited). */
export function createFastTrackRule(input: FastTrackRuleInput) {
  return request<FastTrackRuleView[]>(BASE, { method: 'POST', body: input });
}

/** PUT /api/settings/fast-track-rules/:id — change, enable or disable a rule (administrators; audited). */
export function saveFastTrackRule(id: number, input: FastTrackRuleInput) {
  return request<FastTrackRuleView[]>(`${BASE}/${id}`, { method: 'PUT', body: input });
}

/** PUT /api/settings/fast-track-rules/order — the whole list's new order. */
export function reorderFastTrackRules(ids: number[]) {
  return request<FastTrackRuleView[]>(`${BASE}/order`, { method: 'PUT', body: { ids } });
}

/** DELETE /api/settings/fast-track-rules/:id — remove a rule. */
export function removeFastTrackRule(id: number) {
  return request<FastTrackRuleView[]>(`${BASE}/${id}`, { method: 'DELETE' });
}
