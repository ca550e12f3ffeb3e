import type { LoginInput, RegisterInput } from '@wc/shared';
import { request } from '../request';
import { saveSession } from '../session';
import type { TokenReply, User } from '../types';

/** POST /api/auth/login — user name and password; keeps the session. */
export async function login(input: LoginInput): Promise<TokenReply> {
  const { data } = await request<TokenReply>('/api/auth/login', { method: 'POST', body: input, auth: false, toast: false });
  saveSession(data);
  return data;
}

/** POST /api/auth/register — a new applicant account (privacy consent included); keeps the session. */
export async function register(input: RegisterInput): Promise<TokenReply> {
  const { data } = await request<TokenReply>('/api/auth/register', { method: 'POST', body: input, auth: false, toast: false });
  saveSession(data);
  return data;
}

/** GET /api/auth/me — the logged-in user. */
export async function fetchMe(): Promise<User> {
  const { data } = await request<User>('/api/auth/me');
  return data;
}

/** POST /api/auth/password — change the password; older tokens stop working, so keep the new one. */
export async function changePassword(input: { oldPassword: string; newPassword: string }): Promise<TokenReply> {
  const { data } = await request<TokenReply>('/api/auth/password', { method: 'POST', body: input, toast: false });
  saveSession(data);
  return data;
}
