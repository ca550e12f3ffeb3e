import { promisify } from 'node:util';
import type { Sequelize } from 'sequelize';
import WechatAPI from 'wechat-api';
import type { Config } from '../config';
import { TOKEN_ERRORS, WechatApiError, WechatNetworkError, fetchStableToken, neverSent, wechatCall, type SendReceipt } from './client';
import { TokenStore, withAccessToken } from './tokenStore';

/** A template of the account (模板消息 → 我的模板), as `cgi-bin/template/get_all_private_template` lists it. */
export interface OfficialTemplate {
  template_id: string;
  title: string;
  /** `报装编号{{character_string1.DATA}}\n…`: the keywords and their labels. */
  content: string;
  example?: string;
}

/**
 * WeChat's refusals of a template message's `miniprogram` jump: 40165 invalid weapp pagepath (what an
 * account with no linked mini program gets), 40166 invalid weapp appid, 85005 appid not bind weapp.
 */
const JUMP_REFUSED = new Set([40165, 40166, 85005]);

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
    this.tokens = new TokenStore(sequelize, appId, (force) => fetchStableToken(config.apiBase, appId, appSecret, force));
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
        const refused = typeof code === 'number' && TOKEN_ERRORS.has(code) ? code : null;
        const stale = refused === null ? null : new URL(url).searchParams.get('access_token');
        if (refused === null || !stale) {
          callback(err, data, res);
          return;
        }
        tokens.invalidate(stale, refused).then(
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

  /**
   * Sends a template message (模板消息); new-style templates take only their keyword fields. A
   * `miniprogram` jump works only while the mini program is linked to the account (关联小程序): when
   * WeChat refuses the jump, the message goes once more opening `dest.url`, and the receipt says why.
   */
  async sendTemplate(
    openid: string,
    templateId: string,
    dest: WechatAPI.TemplateDestination,
    data: WechatAPI.TemplateData,
  ): Promise<SendReceipt> {
    try {
      return { msgid: await this.postTemplate(openid, templateId, dest, data), note: null };
    } catch (error) {
      if (!(error instanceof WechatApiError) || !JUMP_REFUSED.has(error.errcode) || !dest.miniprogram) {
        throw error;
      }
      const msgid = await this.postTemplate(openid, templateId, { url: dest.url }, data);
      return {
        msgid,
        note: { code: error.errcode, message: '微信拒绝跳转小程序（公众号未关联该小程序），已改为打开网页；请在公众号后台关联小程序' },
      };
    }
  }

  /** The account's templates with their keywords (for `npm run wechat:check`). */
  async listTemplates(): Promise<OfficialTemplate[]> {
    const reply = await withAccessToken(this.tokens, (token) =>
      wechatCall<{ template_list?: OfficialTemplate[] }>(this.config.apiBase, 'cgi-bin/template/get_all_private_template', {
        query: { access_token: token },
      }),
    );
    return reply.template_list ?? [];
  }

  private async postTemplate(
    openid: string,
    templateId: string,
    dest: WechatAPI.TemplateDestination,
    data: WechatAPI.TemplateData,
  ): Promise<string | null> {
    const send = promisify(this.api.sendTemplate.bind(this.api)) as (
      openid: string,
      templateId: string,
      dest: WechatAPI.TemplateDestination,
      data: WechatAPI.TemplateData,
    ) => Promise<{ msgid?: number | string } | undefined>;
    const reply = await this.call('cgi-bin/message/template/send', () => send(openid, templateId, dest, data));
    return reply?.msgid === undefined ? null : String(reply.msgid);
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

  /**
   * The OAuth code → the visitor's openid for this account (the user-level token is not kept).
   * snsapi_base gives no unionid; `snapshot`: a 朋友圈 snapshot-page visitor (`is_snapshotuser: 1`),
   * whose openid and unionid are virtual and must not become an account.
   */
  async oauthIdentity(code: string): Promise<{ openid: string; unionid: string | null; snapshot: boolean }> {
    const reply = await wechatCall<{ openid?: string; unionid?: string; is_snapshotuser?: number }>(
      this.config.apiBase,
      'sns/oauth2/access_token',
      { query: { appid: this.appId, secret: this.config.officialAccount.appSecret, code, grant_type: 'authorization_code' } },
    );
    if (!reply.openid) {
      throw new Error('oauth2/access_token returned no openid');
    }
    return { openid: reply.openid, unionid: reply.unionid ?? null, snapshot: reply.is_snapshotuser === 1 };
  }
}
