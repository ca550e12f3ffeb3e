import { request } from '../../../request';
import type { ContractStage } from '../../../types';

/** GET /api/settings/contract-stages — the seven approval stages (name + role). */
export function fetchContractStages() {
  return request<ContractStage[]>('/settings/contract-stages');
}

/** PUT /api/settings/contract-stages — rename or rebind the stages (running contracts keep theirs). */
export function saveContractStages(stages: ContractStage[]) {
  return request<ContractStage[]>('/settings/contract-stages', { method: 'PUT', body: { stages } });
}
