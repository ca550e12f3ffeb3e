import { request } from '../../request';
import type { StaffSummary, StepSetting } from '../../types';

export { fetchApplication, detailData, fetchDuplicatesOf, fetchHistory, takeAction, transferStep } from '../../services/applications';
export { listAttachments, previewBudget, uploadAttachment, downloadAttachment, previewImage } from '../../services/attachments';

/** GET /api/users — colleagues (id, name, roles) to pick an assignee or a transfer target. */
export function listStaff(role?: string, signal?: AbortSignal) {
  return request<StaffSummary[]>('/users', { query: { role }, signal });
}

/** GET /api/settings/steps — each step's handler role and default assignee (for 确认派工). */
export function fetchStepSettings(signal?: AbortSignal) {
  return request<StepSetting[]>('/settings/steps', { signal });
}
