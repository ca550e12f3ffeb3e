import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { isTokenError, wechatCall } from './client';
import { TokenStore } from './tokenStore';

export interface MiniProgramSession {
  openid: string;
  unionid: string | null;
}

export interface PhoneInfo {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

/** Calls `call` with the app's access token; on a token error, invalidates it and tries once more. */
export async function withAccessToken<T>(tokens: TokenStore, call: (token: string) => Promise<T>): Promise<T> {
  const token = await tokens.get();
  try {
    return await call(token);
  } catch (error) {
    if (!isTokenError(error)) {
      throw error;
    }
    await tokens.invalidate(token);
    return call(await tokens.get());
  }
}

/** The mini program (小程序): login, phone number, subscribe messages. */
export class MiniProgram {
  readonly appId: string;
  readonly tokens: TokenStore;

  constructor(
    private readonly config: Config['wechat'],
    sequelize: Sequelize,
  ) {
    this.appId = config.miniProgram.appId;
    const { apiBase } = config;
    const { appId, appSecret } = config.miniProgram;
    this.tokens = new TokenStore(sequelize, appId, async () => {
      const reply = await wechatCall<{ access_token: string; expires_in: number }>(apiBase, 'cgi-bin/token', {
        query: { grant_type: 'client_credential', appid: appId, secret: appSecret },
      });
      return { accessToken: reply.access_token, expiresInSeconds: reply.expires_in };
    });
  }

  /**
   * `wx.login` code → openid (and unionid). The session key WeChat returns with it is dropped here:
   * nothing we do needs it (phone numbers use the newer code exchange), so it cannot leak.
   */
  async codeToSession(code: string): Promise<MiniProgramSession> {
    const reply = await wechatCall<{ openid?: string; unionid?: string }>(this.config.apiBase, 'sns/jscode2session', {
      query: { appid: this.appId, secret: this.config.miniProgram.appSecret, js_code: code, grant_type: 'authorization_code' },
    });
    if (!reply.openid) {
      throw new Error('jscode2session returned no openid');
    }
    return { openid: reply.openid, unionid: reply.unionid ?? null };
  }

  /** `getPhoneNumber` code → the phone number the user chose to share, checked to be for this app. */
  async phoneNumber(code: string): Promise<PhoneInfo> {
    const reply = await withAccessToken(this.tokens, (token) =>
      wechatCall<{ phone_info?: PhoneInfo & { watermark?: { appid?: string } } }>(this.config.apiBase, 'wxa/business/getuserphonenumber', {
        query: { access_token: token },
        body: { code },
      }),
    );
    const info = reply.phone_info;
    if (!info || info.watermark?.appid !== this.appId) {
      throw new Error('getuserphonenumber: missing phone_info or foreign watermark');
    }
    return { phoneNumber: info.phoneNumber, purePhoneNumber: info.purePhoneNumber, countryCode: info.countryCode };
  }

  /** Sends a one-time subscribe message (订阅消息). */
  async sendSubscribe(message: SubscribeMessage): Promise<{ msgid: string | null }> {
    const reply = await withAccessToken(this.tokens, (token) =>
      wechatCall<{ msgid?: number | string }>(this.config.apiBase, 'cgi-bin/message/subscribe/send', {
        query: { access_token: token },
        body: {
          touser: message.touser,
          template_id: message.templateId,
          page: message.page,
          data: message.data,
          miniprogram_state: this.config.miniProgram.state,
          lang: 'zh_CN',
        },
      }),
    );
    return { msgid: reply.msgid === undefined ? null : String(reply.msgid) };
  }
}
