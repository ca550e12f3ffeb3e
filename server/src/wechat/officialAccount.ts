import { promisify } from 'node:util';
import type { Sequelize } from 'sequelize';
import WechatAPI from 'wechat-api';
import type { Config } from '../config';
import { TOKEN_ERRORS, WechatApiError, WechatNetworkError, neverSent, wechatCall } from './client';
import { TokenStore } from './tokenStore';

/** wechat-api's errors as ours: an errcode reply is a refusal, anything else a network failure. */
function toWechatError(error: WechatAPI.ApiError, path: string): Error {
  if (error instanceof WechatApiError || error instanceof WechatNetworkError) {
    // Ours already, e.g. from fetching the token in getToken.
    return error;
  }
  if (error.name === 'WeChatAPIError' && typeof error.code === 'number' && error.message !== 'No data received.') {
    return new WechatApiError(error.code, error.message, path);
  }
  const notSent = neverSent(error) || /ConnectionTimeout|ConnectionRefused/.test(error.name);
  return new WechatNetworkError(`WeChat ${path}: ${error.name}`, notSent ? 'no' : 'unknown', path);
}

/**
 * The official account (公众号) through wechat-api, with its token kept in our shared store:
 * getToken always answers from the store (so wechat-api never fetches a token on its own), and a
 * request hook invalidates a token WeChat refuses before wechat-api's own 40001 retry asks again —
 * otherwise that retry would reuse the same stale token.
 */
export class OfficialAccount {
  readonly appId: string;
  readonly tokens: TokenStore;
  private readonly api: WechatAPI;

  constructor(
    private readonly config: Config['wechat'],
    sequelize: Sequelize,
  ) {
    const { appId, appSecret } = config.officialAccount;
    this.appId = appId;
    this.tokens = new TokenStore(sequelize, appId, async () => {
      const reply = await wechatCall<{ access_token: string; expires_in: number }>(config.apiBase, 'cgi-bin/token', {
        query: { grant_type: 'client_credential', appid: appId, secret: appSecret },
      });
      return { accessToken: reply.access_token, expiresInSeconds: reply.expires_in };
    });
    const tokens = this.tokens;
    this.api = new WechatAPI(
      appId,
      appSecret,
      (callback) => {
        tokens.getWithExpiry().then(
          ({ token, expiresAt }) => callback(null, { accessToken: token, expireTime: expiresAt }),
          (error: Error) => callback(error),
        );
      },
      (token, callback) => {
        tokens.save(token.accessToken, new Date(token.expireTime)).then(
          () => callback(null),
          (error: Error) => callback(error),
        );
      },
    );
    this.api.endpoint = config.apiBase.replace(/\/$/, '');
    this.api.setOpts({ timeout: 10_000 });
    const request = this.api.request.bind(this.api);
    this.api.request = (url, opts, callback) => {
      request(url, opts, (err, data, res) => {
        const code = (data as { errcode?: unknown } | null)?.errcode;
        const stale = typeof code === 'number' && TOKEN_ERRORS.has(code) ? new URL(url).searchParams.get('access_token') : null;
        if (!stale) {
          callback(err, data, res);
          return;
        }
        tokens.invalidate(stale).then(
          () => callback(err, data, res),
          () => callback(err, data, res),
        );
      });
    };
  }

  /**
   * Runs a wechat-api call. wechat-api itself retries 40001 once (now with a fresh token, thanks to
   * the hook); 40014 and 42001 it does not, so those get their one retry here.
   */
  private async call<T>(path: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (first) {
      const error = toWechatError(first as WechatAPI.ApiError, path);
      if (!(error instanceof WechatApiError) || (error.errcode !== 40014 && error.errcode !== 42001)) {
        throw error;
      }
      try {
        return await run();
      } catch (second) {
        throw toWechatError(second as WechatAPI.ApiError, path);
      }
    }
  }

  /** Sends a template message (模板消息); new-style templates take only their keyword fields. */
  async sendTemplate(
    openid: string,
    templateId: string,
    dest: WechatAPI.TemplateDestination,
    data: WechatAPI.TemplateData,
  ): Promise<{ msgid: string | null }> {
    const send = promisify(this.api.sendTemplate.bind(this.api)) as (
      openid: string,
      templateId: string,
      dest: WechatAPI.TemplateDestination,
      data: WechatAPI.TemplateData,
    ) => Promise<{ msgid?: number | string } | undefined>;
    const reply = await this.call('cgi-bin/message/template/send', () => send(openid, templateId, dest, data));
    return { msgid: reply?.msgid === undefined ? null : String(reply.msgid) };
  }

  async createMenu(menu: { button: WechatAPI.MenuButton[] }): Promise<void> {
    const create = promisify(this.api.createMenu.bind(this.api)) as (menu: { button: WechatAPI.MenuButton[] }) => Promise<unknown>;
    await this.call('cgi-bin/menu/create', () => create(menu));
  }

  /** A follower's profile: whether they follow, and their unionid when the account has one. */
  async getUser(openid: string): Promise<WechatAPI.UserInfo> {
    const get = promisify(this.api.getUser.bind(this.api)) as (options: { openid: string; lang: string }) => Promise<WechatAPI.UserInfo>;
    return this.call('cgi-bin/user/info', () => get({ openid, lang: 'zh_CN' }));
  }

  /** The web-authorization URL (snsapi_base: silent, openid only). WeChat requires this parameter order. */
  authorizeUrl(redirectUri: string, state: string): string {
    const base = this.config.oauthBase.replace(/\/$/, '');
    return (
      `${base}/connect/oauth2/authorize?appid=${encodeURIComponent(this.appId)}` +
      `&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code&scope=snsapi_base` +
      `&state=${encodeURIComponent(state)}#wechat_redirect`
    );
  }

  /** The OAuth code → the visitor's openid for this account (the user-level token is not kept). */
  async oauthIdentity(code: string): Promise<{ openid: string; unionid: string | null }> {
    const reply = await wechatCall<{ openid?: string; unionid?: string }>(this.config.apiBase, 'sns/oauth2/access_token', {
      query: { appid: this.appId, secret: this.config.officialAccount.appSecret, code, grant_type: 'authorization_code' },
    });
    if (!reply.openid) {
      throw new Error('oauth2/access_token returned no openid');
    }
    return { openid: reply.openid, unionid: reply.unionid ?? null };
  }
}
