import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { WechatApiError, fetchStableToken, wechatCall, type SendReceipt } from './client';
import { TokenStore, withAccessToken } from './tokenStore';

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

/** A subscribe template of the account (订阅消息 → 我的模板), as `wxaapi/newtmpl/gettemplate` lists it. */
export interface SubscribeTemplate {
  priTmplId: string;
  title: string;
  /** `事项{{thing1.DATA}}\n…`: the keywords and their labels. */
  content: string;
  example?: string;
  /** 2 one-time, 3 long-term. */
  type?: number;
}

/** 41030 invalid page: the page is not in the released (线上) version of the mini program. */
const PAGE_NOT_RELEASED = 41030;

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
    this.tokens = new TokenStore(sequelize, appId, (force) => fetchStableToken(apiBase, appId, appSecret, force));
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

  /**
   * Sends a one-time subscribe message (订阅消息). Before the mini program's first release, or before
   * the release that adds the page, WeChat refuses the page (41030) — for good, until someone
   * releases. The message then goes once more without a page (the card opens nothing, but the user
   * is told), and the receipt says why.
   */
  async sendSubscribe(message: SubscribeMessage): Promise<SendReceipt> {
    try {
      return { msgid: await this.postSubscribe(message, message.page), note: null };
    } catch (error) {
      if (!(error instanceof WechatApiError) || error.errcode !== PAGE_NOT_RELEASED || !message.page) {
        throw error;
      }
      const msgid = await this.postSubscribe(message, null);
      const page = message.page.split('?')[0] ?? message.page;
      return {
        msgid,
        note: {
          code: PAGE_NOT_RELEASED,
          message: `小程序线上版本没有页面 ${page}，已不带跳转页面发送；发布包含该页面的版本后恢复跳转`,
        },
      };
    }
  }

  private async postSubscribe(message: SubscribeMessage, page: string | null): Promise<string | null> {
    const reply = await withAccessToken(this.tokens, (token) =>
      wechatCall<{ msgid?: number | string }>(this.config.apiBase, 'cgi-bin/message/subscribe/send', {
        query: { access_token: token },
        body: {
          touser: message.touser,
          template_id: message.templateId,
          ...(page ? { page } : {}),
          data: message.data,
          miniprogram_state: this.config.miniProgram.state,
          lang: 'zh_CN',
        },
      }),
    );
    return reply.msgid === undefined ? null : String(reply.msgid);
  }

  /** The account's subscribe templates with their keywords (for `npm run wechat:check`). */
  async listTemplates(): Promise<SubscribeTemplate[]> {
    const reply = await withAccessToken(this.tokens, (token) =>
      wechatCall<{ data?: SubscribeTemplate[] }>(this.config.apiBase, 'wxaapi/newtmpl/gettemplate', { query: { access_token: token } }),
    );
    return reply.data ?? [];
  }
}
