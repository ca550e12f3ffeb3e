import { behaviourOf, isActionKey } from '@wc/shared';
import type { Api, ApiResponse } from './api';

export interface AppView {
  id: number;
  number: string;
  state: string;
  stateLabel: string;
  version: number;
  name: string;
  step: {
    state: string;
    elapsedMs: number;
    elapsedText: string;
    overdue: boolean;
    clock: string;
    dueAt: string | null;
    assignee: { id: number; name: string } | null;
    handlerRole: string | null;
    contractStage: { position: number; name: string; count: number } | null;
  };
  paid: boolean;
  unpaidApproved: boolean;
  hadVisaOrChange: boolean;
  budgetTotal: number | null;
  utilityMs: number;
  customerMs: number;
  availableActions: {
    key: string;
    label: string;
    blockedBy: string | null;
    uploads: { category: string; required: boolean }[];
    asksReason?: boolean;
    reasonCategories?: { id: number; label: string }[];
  }[];
}

export interface ErrorReply {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

/**
 * Takes a workflow action through the API. Actions that ask a 原因类别 get the first one their form
 * offers unless the body names one (tests of the reason itself pass `reasonCategoryId`, or post directly).
 */
export async function act(api: Api, id: number, action: string, body: Record<string, unknown> = {}, headers?: Record<string, string>) {
  const sent =
    isActionKey(action) && behaviourOf(action).reason && !('reasonCategoryId' in body) ? await withReason(api, id, action, body) : body;
  return api.post<{ data: AppView } & ErrorReply>(`/api/applications/${id}/actions/${action}`, sent, headers);
}

/** The body with the first category the action's form offers, as a person would pick one. */
async function withReason(api: Api, id: number, action: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await api.get<{ data?: { availableActions?: { key: string; reasonCategories?: { id: number }[] }[] } }>(
    `/api/applications/${id}`,
  );
  const offered = res.body.data?.availableActions?.find((a) => a.key === action)?.reasonCategories?.[0];
  return offered ? { ...body, reasonCategoryId: offered.id } : body;
}

/** Takes an action that must succeed and returns the application after it. */
export async function must(api: Api, id: number, action: string, body: Record<string, unknown> = {}): Promise<AppView> {
  const res: ApiResponse<{ data: AppView } & ErrorReply> = await act(api, id, action, body);
  if (res.status !== 200) {
    throw new Error(`${action} → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.data;
}

export async function history(api: Api, id: number) {
  const res = await api.get<{
    data: {
      action: string;
      actionLabel: string;
      fromState: string | null;
      toState: string;
      comment: string | null;
      actor: { role: string | null; name: string | null };
      payload: Record<string, unknown>;
      durationMs: number;
      newStep: boolean;
      clock: string;
      attachments: { id: number; category: string }[];
    }[];
  }>(`/api/applications/${id}/history`);
  return res.body.data;
}
