import type { WechatStatusView } from '@wc/shared';
import { request } from '../request';
import { saveSession } from '../session';
import type { User, WechatTokenReply } from '../types';

let status: Promise<WechatStatusView> | null = null;

/** GET /api/wechat/status — fetched once per launch; off when the server cannot be asked. */
export function wechatStatus(): Promise<WechatStatusView> {
  status ??= request<WechatStatusView>('/api/wechat/status', { auth: false, toast: false })
    .then((reply) => reply.data)
    .catch(() => {
      status = null;
      return { miniProgramLogin: false, officialAccountLogin: false, subscribeTemplateIds: [] };
    });
  return status;
}

/** POST /api/wechat/mp-login — a `Taro.login` code (and the privacy consent just given) for our session. */
export async function mpLogin(code: string, agreedPrivacy: boolean): Promise<WechatTokenReply> {
  const { data } = await request<WechatTokenReply>('/api/wechat/mp-login', {
    method: 'POST',
    body: { code, agreedPrivacy },
    auth: false,
    toast: false,
  });
  saveSession(data);
  return data;
}

/** POST /api/wechat/mp-bind — link my password account to this WeChat. */
export async function mpBind(code: string): Promise<User> {
  const { data } = await request<User>('/api/wechat/mp-bind', { method: 'POST', body: { code } });
  return data;
}

/** GET /api/wechat/oauth/url — where a WeChat browser logs in for the H5 pages (comes back to `redirect`). */
export async function oauthUrl(redirect: string): Promise<string> {
  const { data } = await request<{ url: string }>('/api/wechat/oauth/url', { query: { redirect }, auth: false });
  return data.url;
}

/** POST /api/wechat/oauth/exchange — the one-time ticket from the login redirect for our session. */
export async function exchangeTicket(ticket: string): Promise<WechatTokenReply> {
  const { data } = await request<WechatTokenReply>('/api/wechat/oauth/exchange', {
    method: 'POST',
    body: { ticket },
    auth: false,
    toast: false,
  });
  saveSession(data);
  return data;
}

/** POST /api/wechat/consent — privacy consent for accounts created by a WeChat login. */
export async function recordConsent(): Promise<void> {
  await request<unknown>('/api/wechat/consent', { method: 'POST', body: { agreedPrivacy: true }, toast: false });
}

/** POST /api/wechat/subscriptions — which one-time subscribe messages the user accepted. */
export async function recordSubscriptions(templateIds: string[], accepted: string[]): Promise<void> {
  await request<unknown>('/api/wechat/subscriptions', { method: 'POST', body: { templateIds, accepted }, toast: false });
}
