import type { CreateStaffUserInput, UpdateStaffUserInput } from '@wc/shared';
import { request } from '../../../request';
import type { StaffUser } from '../../../types';

/** GET /api/users — every staff user (administrators get full records, disabled ones on request). */
export function listUsers(query: { q?: string; role?: string; includeDisabled?: boolean }, signal?: AbortSignal) {
  return request<StaffUser[]>('/users', { query, signal });
}

/** POST /api/users — create a staff user with roles. */
export function createUser(body: CreateStaffUserInput) {
  return request<StaffUser>('/users', { method: 'POST', body });
}

/** PATCH /api/users/:id — change name, phone, roles, password or enabled. */
export function updateUser(id: number, body: UpdateStaffUserInput) {
  return request<StaffUser>(`/users/${id}`, { method: 'PATCH', body });
}

/** POST /api/users/:id/unlock — lift a login lockout. */
export function unlockUser(id: number) {
  return request<StaffUser>(`/users/${id}/unlock`, { method: 'POST' });
}
