import { request } from '../../request';
import type { StaffSummary, StepSetting } from '../../types';

export { fetchApplication, fetchHistory } from '../../services/applications';
export { listAttachments, previewBudget } from '../../services/attachments';
export { loadUtility, useStaffImage } from '../../services/utility';

/** GET /api/users — staff names for the assignees printed on the dispatch sheet. */
export function listStaff() {
  return request<StaffSummary[]>('/users');
}

/** GET /api/settings/steps — default assignees of the steps the dispatch sheet lists. */
export function fetchStepSettings() {
  return request<StepSetting[]>('/settings/steps');
}
