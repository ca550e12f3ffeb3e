import type { LoginInput, MeView, RegisterInput, SetCredentialsInput } from '@wc/shared';
import { request } from '../request';
import { saveSession } from '../session';
import type { TokenReply } from '../types';

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

/** GET /api/auth/me — the logged-in user, and whether the account has a password yet. */
export async function fetchMe(): Promise<MeView> {
  const { data } = await request<MeView>('/api/auth/me');
  return data;
}

/** POST /api/auth/credentials — an account made by a WeChat login chooses its user name and password (once); keeps the new session. */
export async function setCredentials(input: SetCredentialsInput): Promise<TokenReply> {
  const { data } = await request<TokenReply>('/api/auth/credentials', { method: 'POST', body: input, toast: false });
  saveSession(data);
  return data;
}

/** POST /api/auth/password — change the password; older tokens stop working, so keep the new one. */
export async function changePassword(input: { oldPassword: string; newPassword: string }): Promise<TokenReply> {
  const { data } = await request<TokenReply>('/api/auth/password', { method: 'POST', body: input, toast: false });
  saveSession(data);
  return data;
}
