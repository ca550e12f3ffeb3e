import type { CodeSentView, LoginInput, MeView, RegisterWithCodeInput, ResetPasswordInput, SetCredentialsInput } from '@wc/shared';
import { request } from '../request';
import { saveSession } from '../session';
import type { TokenReply } from '../types';

/** POST /api/auth/login — user name and password; keeps the session. */
export async function login(input: LoginInput): Promise<TokenReply> {
  const { data } = await request<TokenReply>('/api/auth/login', { method: 'POST', body: input, auth: false, toast: false });
  saveSession(data);
  return data;
}

/** POST /api/auth/register — a new applicant account (privacy consent and the phone's code included); keeps the session. */
export async function register(input: RegisterWithCodeInput): Promise<TokenReply> {
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

/** POST /api/auth/register/code — a verification code to the phone of the registration form. */
export async function requestRegisterCode(phone: string): Promise<CodeSentView> {
  const { data } = await request<CodeSentView>('/api/auth/register/code', { method: 'POST', body: { phone }, auth: false, toast: false });
  return data;
}

/** POST /api/auth/password/forgot/code — 忘记密码: a code to the phone of the account. */
export async function requestResetCode(phone: string): Promise<CodeSentView> {
  const { data } = await request<CodeSentView>('/api/auth/password/forgot/code', {
    method: 'POST',
    body: { phone },
    auth: false,
    toast: false,
  });
  return data;
}

/** POST /api/auth/password/forgot — the code and a new password; logs the owner in (keeps the session). */
export async function resetPassword(input: ResetPasswordInput): Promise<TokenReply> {
  const { data } = await request<TokenReply>('/api/auth/password/forgot', { method: 'POST', body: input, auth: false, toast: false });
  saveSession(data);
  return data;
}
