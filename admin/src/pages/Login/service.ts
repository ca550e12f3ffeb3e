import { request } from '../../request';
import type { LoginReply } from '../../types';

/** POST /api/auth/login — user name and password; the reply carries the token and the user. */
export function login(username: string, password: string) {
  return request<LoginReply>('/auth/login', { method: 'POST', body: { username, password } });
}
