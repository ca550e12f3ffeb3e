import type { ReasonCategoryInput, ReasonSettingsView } from '@wc/shared';
import { request } from '../../../request';

const BASE = '/settings/reason-categories';

/** GET /api/settings/reason-categories — every 原因类别, how often chosen, and the actions that ask one. */
export function fetchReasonSettings(signal?: AbortSignal) {
  return request<ReasonSettingsView>(BASE, { signal });
}

/** POST /api/settings/reason-categories — add one at the end (administrators; audited). */
export function addReasonCategory(input: ReasonCategoryInput) {
  return request<ReasonSettingsView>(BASE, { method: 'POST', body: input });
}

/** PUT /api/settings/reason-categories/:id — rename, re-scope, disable or enable. */
export function saveReasonCategory(id: number, input: ReasonCategoryInput) {
  return request<ReasonSettingsView>(`${BASE}/${id}`, { method: 'PUT', body: input });
}

/** DELETE /api/settings/reason-categories/:id — only one never chosen. */
export function removeReasonCategory(id: number) {
  return request<ReasonSettingsView>(`${BASE}/${id}`, { method: 'DELETE' });
}

/** PUT /api/settings/reason-categories/order — the whole list's new order. */
export function reorderReasonCategories(ids: number[]) {
  return request<ReasonSettingsView>(`${BASE}/order`, { method: 'PUT', body: { ids } });
}
