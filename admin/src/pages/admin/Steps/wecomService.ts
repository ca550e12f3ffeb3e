import { request } from '../../../request';

export interface WecomOverview {
  appMessages: boolean;
  robots: string[];
  steps: { flow: string; state: string; robot: string; configured: boolean }[];
  staffWithUserId: number;
  staffWithoutUserId: number;
}

/** GET /api/wecom — what of 企业微信 is on, the team robots to choose from and each step's choice (no keys). */
export function fetchWecom(signal?: AbortSignal) {
  return request<WecomOverview>('/wecom', { signal });
}

/** PUT /api/wecom/steps/:flow/:state — the team robot that also gets the step's staff alerts; null for none. */
export function saveStepRobot(flow: string, state: string, robot: string | null) {
  return request<{ flow: string; state: string; robot: string | null }>(`/wecom/steps/${flow}/${state}`, {
    method: 'PUT',
    body: { robot },
  });
}
