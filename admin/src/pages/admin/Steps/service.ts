import type { ThresholdUnit } from '../../../labels';
import { request } from '../../../request';
import type { StaffSummary, StepSetting } from '../../../types';

/** GET /api/settings/steps — thresholds and default assignees of every step of both flows. */
export function fetchStepSettings(signal?: AbortSignal) {
  return request<StepSetting[]>('/settings/steps', { signal });
}

/** PUT /api/settings/steps/:flow/:state — one step's threshold (hours or working days) and default assignee. */
export function saveStepSetting(
  flow: string,
  state: string,
  body: {
    thresholdValue: number | null;
    thresholdUnit: ThresholdUnit;
    defaultAssigneeId: number | null;
    reminders?: { value: number; unit: ThresholdUnit }[];
  },
) {
  return request<StepSetting>(`/settings/steps/${flow}/${state}`, { method: 'PUT', body });
}

/** GET /api/users — staff, to choose default assignees. */
export function listStaff(signal?: AbortSignal) {
  return request<StaffSummary[]>('/users', { signal });
}
